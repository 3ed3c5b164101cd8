namespace Multinet.Web.State;

/// <summary>Whether the console's watch on the Kubernetes API is live, and the last error when it is not.</summary>
public sealed record ClusterConnection(bool Connected, string? Error, DateTime? Since)
{
    public static ClusterConnection Connecting { get; } = new(false, null, null);
}
