using System.Collections.Concurrent;
using Multinet.Kube;

namespace Multinet.Agent.Telemetry;

/// <summary>Whether the API server currently answers the agent's watches: unreachable while any kind's watch is failing.</summary>
internal sealed class KubernetesConnection
{
    private readonly ConcurrentDictionary<string, string> _failing = new(StringComparer.Ordinal);

    public bool Reachable => _failing.IsEmpty;

    /// <summary>The kinds whose watch is failing, each with its last error.</summary>
    public IReadOnlyDictionary<string, string> Failing => _failing;

    /// <summary>The observer of one kind's watch loop.</summary>
    public IWatchConnectionObserver For(string kind) => new KindObserver(this, kind);

    private sealed class KindObserver(KubernetesConnection owner, string kind) : IWatchConnectionObserver
    {
        public void Connected() => owner._failing.TryRemove(kind, out _);

        public void Lost(Exception error) => owner._failing[kind] = error?.Message ?? "unknown error";

        public void Recovered() => owner._failing.TryRemove(kind, out _);
    }
}
