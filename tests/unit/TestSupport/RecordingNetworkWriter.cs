using Multinet.Shared.Crds;
using Multinet.Web.Cluster;

namespace Multinet.UnitTests.TestSupport;

/// <summary>Records what the console asked the API to write, and answers with a chosen result.</summary>
public sealed class RecordingNetworkWriter : INetworkWriter
{
    public List<V3Network> Created { get; } = [];

    public List<string> Deleted { get; } = [];

    /// <summary>The answer to the next create; by default the API stores the Network as sent.</summary>
    public Func<V3Network, NetworkWriteResult> OnCreate { get; set; } = n => new NetworkWriteResult(n, [], null, []);

    public Task<NetworkWriteResult> CreateAsync(V3Network network, CancellationToken cancellationToken)
    {
        Created.Add(network);
        return Task.FromResult(OnCreate(network));
    }

    public Task<string?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Deleted.Add(name);
        return Task.FromResult<string?>(null);
    }
}
