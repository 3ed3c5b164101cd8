namespace Multinet.Shared.Crds;

/// <summary>Names of the custom resources the product owns or reads.</summary>
public static class CrdConstants
{
    public const string NetworkGroup = "projectcalico.org";
    public const string NetworkVersion = "v3";
    public const string NetworkKind = "Network";
    public const string NetworkPlural = "networks";
    public const string NetworkSingular = "network";
    public const string NetworkApiVersion = NetworkGroup + "/" + NetworkVersion;

    /// <summary>The VNI the default pod network uses for VXLAN; no Network may take it.</summary>
    public const int DefaultNetworkVni = 4096;

    /// <summary>Largest VNI: the VXLAN header carries 24 bits.</summary>
    public const int MaxVni = 16_777_215;
}
