using Multinet.Shared.Crds;

namespace Multinet.UnitTests.TestSupport;

/// <summary>Networks as the seeds describe them, with the metadata an API server would fill in.</summary>
internal static class TestNetworks
{
    public static V3Network Blue(long vni = 56, long generation = 1) => Make("blue", vni, "172.19.0.0/16", generation);

    public static V3Network Red(long vni = 88, long generation = 1) => Make("red", vni, "172.20.0.0/16", generation);

    public static V3Network Make(string name, long? vni, string? range, long generation = 1, string? resourceVersion = null)
    {
        var network = V3Network.Create(name, vni, range);
        network.Metadata.Generation = generation;
        network.Metadata.Uid = "uid-" + name;
        network.Metadata.ResourceVersion = resourceVersion;
        network.Metadata.CreationTimestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return network;
    }
}
