using System.Globalization;
using System.Net.Http.Headers;
using k8s;
using k8s.Autorest;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Kube;

/// <summary>
/// The real kube-apiserver process itself restarted (same etcd, flags and credentials) while Networks are created, edited
/// and deleted, before, during and right after: a watch resuming from a version before the restart gets 410 Gone from the
/// server's new watch cache, and the agent and the console list again and end holding exactly the server's Networks.
/// </summary>
public sealed partial class RealApiServerWatchFaultTests
{
    [Fact]
    public async Task ServerProcessRestartsWhileNetworksChange_WatchesGet410AndRelist_BothHoldTheServersNetworks()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(s_admin), $"{Variable} is not set: the watch faults against a real kube-apiserver are skipped.");
        var config = await File.ReadAllTextAsync(s_admin!, Token);
        var port = int.Parse(ServerPort().Match(config).Groups[1].Value, CultureInfo.InvariantCulture);
        var (server, why) = KubeApiServerProcess.Find(port, BearerToken().Match(config).Groups[1].Value);
        Assert.SkipWhen(server is null, $"The kube-apiserver cannot be restarted from this test: {why}.");

        await CreateAsync("a", 3300, Token);
        await CreateAsync("b", 3301, Token);
        await BothHoldTheServersAsync();
        var before = await ListVersionAsync();
        await ChangeVniAsync("a", 3303, Token); // a write after that version, so the restarted server's watch cache starts past it

        // Writes go on while the server stops and starts; those refused while it is down are simply not made.
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writes = WriteUntilCancelledAsync(writing.Token);
        try
        {
            await server!.RestartAsync(Token);
        }
        finally
        {
            await writing.CancelAsync();
            await server!.StartAsync(CancellationToken.None); // never leaves the server down, even when the restart failed
        }

        var (acknowledged, refused) = await writes;

        // Right after the restart, before the watches (backing off) are back: more changes they must not miss.
        await ChangeVniAsync("a", 3304, Token);
        await DeleteAsync($"{_prefix}-b", Token);
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync($"after{i}", 3310 + i, Token);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"restarted kube-apiserver (now pid {server.Pid}); {acknowledged} writes acknowledged and {refused} refused around it");
        Assert.True(acknowledged > 0, "No write was acknowledged while the server went down and came back.");
        Assert.Equal(410, await WatchStatusFromAsync(before));
        await BothHoldTheServersAsync();
    }

    /// <summary>Creates, edits and deletes Networks one after another until cancelled; returns how many the server acknowledged and refused.</summary>
    private async Task<(int Acknowledged, int Refused)> WriteUntilCancelledAsync(CancellationToken cancellationToken)
    {
        var (acknowledged, refused) = (0, 0);
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50)); // paces the writer, so a down server is not hammered
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            try
            {
                switch (i % 4)
                {
                    case 3:
                        await DeleteAsync($"{_prefix}-w{i - 2}", cancellationToken);
                        break;
                    case 2:
                        await ChangeVniAsync($"w{i - 2}", 3500 + i, cancellationToken);
                        break;
                    default:
                        await CreateAsync($"w{i}", 3500 + i, cancellationToken);
                        break;
                }

                acknowledged++;
            }
            catch (Exception ex) when (ex is HttpRequestException or HttpOperationException or IOException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                refused++; // the server is stopping, down or not ready yet
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await pace.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (acknowledged, refused);
    }

    /// <summary>The collection's resourceVersion now, as a list answers it.</summary>
    private async Task<string> ListVersionAsync()
    {
        var list = await _server!.CustomObjects.ListClusterCustomObjectAsync<Multinet.Shared.Crds.V3NetworkList>(Multinet.Shared.Crds.CrdConstants.NetworkGroup,
            Multinet.Shared.Crds.CrdConstants.NetworkVersion, Multinet.Shared.Crds.CrdConstants.NetworkPlural, cancellationToken: Token);
        return list.Metadata.ResourceVersion;
    }

    /// <summary>
    /// A raw watch of Networks from <paramref name="resourceVersion"/>: the code of the Status in its first event when that is
    /// an ERROR (kube-apiserver's answer to a version older than its watch cache), else 200.
    /// </summary>
    private async Task<int> WatchStatusFromAsync(string resourceVersion)
    {
        var config = await File.ReadAllTextAsync(s_admin!, Token);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true; // the test server's self-signed certificate, on loopback
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{ServerPort().Match(config).Groups[1].Value}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken().Match(config).Groups[1].Value);
        using var response = await http.GetAsync($"apis/projectcalico.org/v3/networks?watch=true&resourceVersion={resourceVersion}&timeoutSeconds=5",
            HttpCompletionOption.ResponseHeadersRead, Token);
        if ((int)response.StatusCode != 200)
        {
            return (int)response.StatusCode;
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        var first = await reader.ReadLineAsync(Token);
        using var json = first is null ? null : System.Text.Json.JsonDocument.Parse(first);
        return json is not null && json.RootElement.GetProperty("type").GetString() == "ERROR"
            ? json.RootElement.GetProperty("object").GetProperty("code").GetInt32()
            : 200;
    }

    [System.Text.RegularExpressions.GeneratedRegex("token:\\s*\"?([^\"\\s}]+)\"?")]
    private static partial System.Text.RegularExpressions.Regex BearerToken();
}
