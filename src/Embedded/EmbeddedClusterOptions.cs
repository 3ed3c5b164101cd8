namespace Multinet.Embedded;

/// <summary>
/// The embedded cluster's settings. The simulated-cluster ones bind from the <c>Multinet</c> section the console reads
/// too (<c>Multinet:SimulatedNodes</c>, <c>Multinet:SeedDemo</c>); where its data lives and where its agents report
/// are the host's to say (<see cref="EmbeddedServiceCollectionExtensions.AddEmbeddedCluster"/>).
/// </summary>
public sealed class EmbeddedClusterOptions
{
    public const string SectionName = "Multinet";

    /// <summary>How many simulated nodes run, each the real agent on a simulated dataplane (0..200).</summary>
    public int SimulatedNodes { get; set; } = 3;

    /// <summary>
    /// Whether the embedded cluster creates the demo workload (Networks blue and red, their NADs, pods, a service and a
    /// policy) on its first start. Never again once done, even after the demo objects were deleted.
    /// </summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>The host's data directory: the API's store, kubeconfig and token live there.</summary>
    public string DataDir { get; set; } = "";

    /// <summary>The gRPC endpoint the simulated nodes' agents stream their reports to.</summary>
    public string ConsoleGrpcUrl { get; set; } = "";
}
