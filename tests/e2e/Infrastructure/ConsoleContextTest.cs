using Microsoft.Playwright;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>A browser journey against one console: each test gets a fresh browser context (its own circuit and storage).</summary>
public abstract class ConsoleContextTest(BrowserFixture browser, SimulatedClusterFixture cluster) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    protected SimulatedClusterFixture Cluster { get; } = cluster;

    protected IBrowserContext Context { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Context = await NewContextAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another browser context on the same console (signed in as its admin), e.g. a second tab's user.</summary>
    protected async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.Browser.NewSignedInContextAsync(Cluster.Web, TestContext.Current.CancellationToken);
        context.SetDefaultTimeout(BrowserFixture.Patience);
        return context;
    }
}
