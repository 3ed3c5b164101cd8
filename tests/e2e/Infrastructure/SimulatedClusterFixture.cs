namespace Multinet.E2ETests.Infrastructure;

/// <summary>The real console in its embedded default: its own Kubernetes API and three simulated nodes running the real agent.</summary>
public sealed class SimulatedClusterFixture : IAsyncLifetime
{
    private readonly string _kubectlCache = Directory.CreateTempSubdirectory("multinet-kubectl-").FullName;

    public WebProcess Web { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Web = await WebProcess.StartAsync(["--Multinet:SimulatedNodes", "3"], cancellationToken: TestContext.Current.CancellationToken);
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
