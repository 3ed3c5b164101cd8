using Microsoft.Playwright;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run: the system's (/usr/bin/chromium, or BROWSER_PATH), never a downloaded one.
/// The flags keep it from reaching for the network this machine does not have.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// How long an action or expectation waits for what the user waits for before the test fails: generous, because a
    /// loaded 2-core machine can take many seconds to render what an idle one shows at once; reached only on failure.
    /// </summary>
    public const int Patience = 60_000;

    /// <summary>Where journeys save their screenshots.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("BROWSER_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Chromium not found at {executable}: install it (apt-get install chromium) or set BROWSER_PATH.", executable);
        }

        Assertions.SetDefaultExpectTimeout(Patience);
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
