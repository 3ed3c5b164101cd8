using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.PropagationBench;

/// <summary>What the console's live state said about one Network, as Unix milliseconds of this machine's clock.</summary>
internal sealed record LiveStateTimes(double NetworkSeen, double AllApplied, double FirstAgentApplied, double LastAgentApplied);

/// <summary>
/// The console's live state as a script follows it: the /hubs/live change feed (the same coalesced batches every page gets),
/// and GET /api/v1/nodes only after a batch that changed a node, instead of polling the console it measures.
/// </summary>
internal sealed class LiveStateFeed : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;
    private readonly Channel<(double At, JsonElement Batch)> _batches = Channel.CreateUnbounded<(double, JsonElement)>();
    private readonly ConcurrentDictionary<string, double> _networksSeen = new(StringComparer.Ordinal);

    private LiveStateFeed(WebProcess web, HttpClient http, System.Net.CookieContainer session)
    {
        _http = http;
        _hub = new HubConnectionBuilder().WithUrl(new Uri(web.BaseUrl, "/hubs/live"), o => o.Cookies = session).Build();
        _hub.On<JsonElement>("changes", batch => _batches.Writer.TryWrite((Clock.UnixMs(), batch)));
    }

    public static async Task<LiveStateFeed> ConnectAsync(WebProcess web, HttpClient http, CancellationToken cancellationToken)
    {
        var feed = new LiveStateFeed(web, http, await web.SessionAsync(cancellationToken));
        await feed._hub.StartAsync(cancellationToken);
        return feed;
    }

    public async Task<int> ConnectedNodesAsync(CancellationToken cancellationToken)
    {
        using var nodes = await _http.GetFromJsonAsync<JsonDocument>("api/v1/nodes", cancellationToken);
        return nodes!.RootElement.EnumerateArray().Count(n => n.GetProperty("connected").GetBoolean());
    }

    /// <summary>Reads batches until every node reports <paramref name="network"/>'s VRF Applied (checked by one GET per node batch).</summary>
    public async Task<LiveStateTimes> WaitAppliedAsync(string network, int nodes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (at, batch) = await _batches.Reader.ReadAsync(cancellationToken);
            var nodeChanged = Note(at, batch);
            while (_batches.Reader.TryRead(out var more))
            {
                nodeChanged |= Note(more.At, more.Batch);
            }

            if (!nodeChanged)
            {
                continue;
            }

            using var list = await _http.GetFromJsonAsync<JsonDocument>("api/v1/nodes", cancellationToken);
            var answered = Clock.UnixMs();
            var applied = list!.RootElement.EnumerateArray()
                .SelectMany(n => n.TryGetProperty("vrfs", out var vrfs) ? vrfs.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Where(v => v.GetProperty("network").GetString() == network && v.GetProperty("state").GetString() == "Applied")
                .Select(v => v.GetProperty("appliedAt").GetDateTime())
                .ToList();
            if (applied.Count >= nodes)
            {
                return new LiveStateTimes(_networksSeen.GetValueOrDefault(network, double.NaN), answered, Clock.UnixMs(applied.Min()), Clock.UnixMs(applied.Max()));
            }
        }
    }

    private bool Note(double at, JsonElement batch)
    {
        var nodeChanged = batch.GetProperty("resync").GetBoolean();
        foreach (var change in batch.GetProperty("changes").EnumerateArray())
        {
            var kind = change.GetProperty("kind").GetString();
            if (kind == "NetworkUpserted")
            {
                _networksSeen.TryAdd(change.GetProperty("name").GetString()!, at);
            }

            nodeChanged |= kind == "NodeUpserted";
        }

        return nodeChanged;
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
