namespace Multinet.ConsoleScaleBench;

/// <summary>The size of the synthetic cluster: nodes, Networks, pod interfaces per node (half memif, half tap) and tunnel peers per Network.</summary>
internal sealed record ScaleShape(int Nodes, int Networks, int PodsPerNode, int Peers)
{
    /// <summary>Where the bench's NADs and pods live.</summary>
    public const string Namespace = "scale";

    public int Pods => Nodes * PodsPerNode;
}
