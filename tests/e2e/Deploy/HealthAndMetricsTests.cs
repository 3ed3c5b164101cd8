using System.Net;
using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Deploy;

/// <summary>A fresh embedded console, as <c>dotnet run --project src/Web</c> starts it: probes and the Prometheus scrape.</summary>
public sealed class HealthAndMetricsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task FreshConsoleWithTheDemo_AnswersItsProbes_AndExportsTheProductsMetrics()
    {
        await using var web = await WebProcess.StartAsync(["--Multinet:SimulatedNodes", "3", "--Multinet:SeedDemo", "true"], cancellationToken: Token);
        using var http = new HttpClient { BaseAddress = web.BaseUrl };

        using var healthz = await http.GetAsync("healthz", Token);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);

        // Ready once the embedded API answers, every kind is listed and the store opens; then the demo's Networks get
        // applied on the three nodes, which is what the propagation histogram measures.
        await UntilAsync(async () => (await http.GetAsync("readyz", Token)).StatusCode == HttpStatusCode.OK, web);
        var metrics = "";
        await UntilAsync(async () =>
        {
            metrics = await http.GetStringAsync("metrics", Token);
            return metrics.Contains("multinet_console_apply_propagation_seconds_count", StringComparison.Ordinal)
                && Regex.IsMatch(metrics, @"(?m)^multinet_console_agents_connected\{[^}]*\} 3$");
        }, web);

        Assert.Contains("multinet_agent_reconcile_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("multinet_agent_dataplane_operations_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("result=\"applied\"", metrics, StringComparison.Ordinal);
        Assert.Contains("multinet_agent_dataplane_call_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("multinet_console_hub_messages_total", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
    }

    /// <summary>
    /// Asks again every 250 ms until <paramref name="condition"/> holds (120 s at most, reached only on failure). Probes and
    /// the Prometheus scrape are pull-only by design (kubelet and Prometheus poll them too), so asking again is the only
    /// way a test sees them change.
    /// </summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, WebProcess web)
    {
        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ceiling.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            while (!await condition())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ceiling.Token);
            }
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            Assert.Fail($"Not within 120 s.\n{web.Output}");
        }
    }
}
