namespace Multinet.Shared.Cluster;

/// <summary>Turns watched Kubernetes objects into a <see cref="ClusterView"/>. Pure; bad annotations become errors on the record, never exceptions.</summary>
public static partial class ClusterViewProjection
{
}
