namespace Multinet.Web.State;

/// <summary>Whether the cluster serves KubeVirt's kubevirt.io/v1 kinds, as the console's watch found out.</summary>
public enum KubeVirtAvailability
{
    Unknown,
    Served,

    /// <summary>The API answered 404 for them: KubeVirt is not installed.</summary>
    Absent,
}
