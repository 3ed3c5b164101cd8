using Multinet.Shared.Crds;

namespace Multinet.UnitTests.TestSupport;

/// <summary>The seeds' example Networks.</summary>
public static class Networks
{
    public static V3Network Blue(string resourceVersion = "1") => WithVersion(V3Network.Create("blue", 56, "172.19.0.0/16"), resourceVersion);

    public static V3Network Red(string resourceVersion = "2") => WithVersion(V3Network.Create("red", 88, "172.20.0.0/16"), resourceVersion);

    private static V3Network WithVersion(V3Network network, string resourceVersion)
    {
        network.Metadata.ResourceVersion = resourceVersion;
        return network;
    }
}
