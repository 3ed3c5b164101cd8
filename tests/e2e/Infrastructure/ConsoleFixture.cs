namespace Multinet.E2ETests.Infrastructure;

/// <summary>One console process shared by every test of a class (kubectl compatibility tests are many and short).</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public WebProcess Web { get; private set; } = null!;

    /// <summary>Holds one discovery cache per kubectl binary.</summary>
    public string CacheDir { get; } = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;

    public Kubectl Kubectl(string binary) => new(binary, Web.KubeconfigPath!, Path.Combine(CacheDir, Path.GetFileName(binary)));

    public async ValueTask InitializeAsync() =>
        Web = await WebProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Web is not null)
        {
            await Web.DisposeAsync();
        }

        Directory.Delete(CacheDir, recursive: true);
    }
}
