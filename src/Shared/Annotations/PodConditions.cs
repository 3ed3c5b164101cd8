namespace Multinet.Shared.Annotations;

/// <summary>The pod condition the (simulated) Multus writes about a pod's secondary networks.</summary>
public static class PodConditions
{
    /// <summary>True when every requested attachment was made; False with the failure's reason (e.g. NoAddressAvailable) and message.</summary>
    public const string NetworksAttached = "multinet.projectcalico.org/NetworksAttached";
}
