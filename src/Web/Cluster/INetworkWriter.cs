using Multinet.Shared.Crds;

namespace Multinet.Web.Cluster;

/// <summary>Writes Networks to the Kubernetes API.</summary>
public interface INetworkWriter
{
    /// <summary>Creates a Network; a refusal comes back as field errors or a message, never as an exception.</summary>
    Task<NetworkWriteResult> CreateAsync(V3Network network, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a Network's spec fields by merge patch, guarded by <paramref name="resourceVersion"/>: if someone changed the
    /// Network since it was read, the result is a conflict and nothing is written. Fields the console does not know are kept.
    /// </summary>
    Task<NetworkWriteResult> UpdateSpecAsync(string name, string resourceVersion, NetworkSpec spec, CancellationToken cancellationToken);

    /// <summary>Deletes a Network; returns the API's message when it refuses.</summary>
    Task<string?> DeleteAsync(string name, CancellationToken cancellationToken);
}
