using System.Net.Sockets;

namespace Multinet.Shared.Cluster;

/// <summary>One address of one pod interface that backs a network-aware Service.</summary>
public sealed record ServiceEndpoint(ClusterPod Pod, PodAttachment Attachment, string Address, AddressFamily Family);
