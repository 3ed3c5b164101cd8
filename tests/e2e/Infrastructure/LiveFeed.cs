using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>A script's view of the console: the /hubs/live feed, read until the state it announces satisfies a condition.</summary>
public sealed class LiveFeed : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Channel<JsonElement> _batches = Channel.CreateUnbounded<JsonElement>();

    private LiveFeed(Uri baseUrl, CookieContainer session)
    {
        _hub = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "/hubs/live"), o => o.Cookies = session).Build();
        _hub.On<JsonElement>("changes", batch => _batches.Writer.TryWrite(batch));
    }

    /// <summary>Every change announced so far, as "Kind/name".</summary>
    public HashSet<string> Seen { get; } = [];

    /// <summary>Connects in the admin's session of <paramref name="web"/>.</summary>
    public static async Task<LiveFeed> ConnectAsync(WebProcess web, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(web);
        var feed = new LiveFeed(web.BaseUrl, await web.SessionAsync(cancellationToken));
        await feed._hub.StartAsync(cancellationToken);
        return feed;
    }

    public Task<JsonElement> SnapshotAsync(CancellationToken cancellationToken) => _hub.InvokeAsync<JsonElement>("GetSnapshot", cancellationToken);

    /// <summary>Reads batch after batch (120 s at most) until <paramref name="done"/> holds for the snapshot and the changes seen.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> done, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure: a loaded machine may take long
        var snapshot = await SnapshotAsync(timeout.Token);
        while (!done(snapshot))
        {
            var batch = await _batches.Reader.ReadAsync(timeout.Token);
            Seen.UnionWith(batch.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()}/{c.GetProperty("name").GetString()}"));
            snapshot = await SnapshotAsync(timeout.Token);
        }

        return snapshot;
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
