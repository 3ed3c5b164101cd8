namespace Multinet.E2ETests.Infrastructure;

/// <summary>
/// The real console on its first start in the embedded default with the demo workload seeded and three simulated nodes, shared by
/// the classes of <see cref="Collection"/>: they only read what the seed created, so one start serves them all.
/// </summary>
public sealed class SeededClusterFixture : IAsyncLifetime
{
    public const string Collection = "Seeded cluster";

    private readonly string _kubectlCache = Directory.CreateTempSubdirectory("multinet-kubectl-").FullName;

    public WebProcess Web { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Web = await WebProcess.StartAsync(["--Multinet:SimulatedNodes", "3", "--Multinet:SeedDemo", "true"], cancellationToken: TestContext.Current.CancellationToken);
        Kubectl = new Kubectl("/usr/bin/kubectl", Web.KubeconfigPath!, _kubectlCache);
    }

    public async ValueTask DisposeAsync()
    {
        if (Web is not null)
        {
            await Web.DisposeAsync();
        }

        Directory.Delete(_kubectlCache, recursive: true);
    }
}

/// <summary>The test classes that share one <see cref="SeededClusterFixture"/>.</summary>
[CollectionDefinition(SeededClusterFixture.Collection)]
public sealed class SeededClusterCollection : ICollectionFixture<SeededClusterFixture>;
