using Multinet.Shared.Crds;
using Multinet.Web.Cluster;

namespace Multinet.UnitTests.TestSupport;

/// <summary>Records what the console asked the API to write, and answers with a chosen result.</summary>
public sealed class RecordingNetworkWriter : INetworkWriter
{
    public List<V3Network> Created { get; } = [];

    public List<string> Deleted { get; } = [];

    public List<(string Name, string ResourceVersion, NetworkSpec Spec)> Updated { get; } = [];

    /// <summary>The answer to the next spec update; by default the API stores it.</summary>
    public Func<string, NetworkSpec, NetworkWriteResult> OnUpdate { get; set; } =
        (name, spec) => new NetworkWriteResult(new V3Network { Metadata = new() { Name = name }, Spec = spec }, [], null, []);

    /// <summary>The answer to the next create; by default the API stores the Network as sent.</summary>
    public Func<V3Network, NetworkWriteResult> OnCreate { get; set; } = n => new NetworkWriteResult(n, [], null, []);

    public Task<NetworkWriteResult> CreateAsync(V3Network network, CancellationToken cancellationToken)
    {
        Created.Add(network);
        return Task.FromResult(OnCreate(network));
    }

    public Task<NetworkWriteResult> UpdateSpecAsync(string name, string resourceVersion, NetworkSpec spec, CancellationToken cancellationToken)
    {
        Updated.Add((name, resourceVersion, spec));
        return Task.FromResult(OnUpdate(name, spec));
    }

    public Task<string?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Deleted.Add(name);
        return Task.FromResult<string?>(null);
    }
}
