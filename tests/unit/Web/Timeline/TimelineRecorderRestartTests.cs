using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Timeline;

/// <summary>
/// A console restarted (after a crash too) starts with an empty live state until its first list of the Networks: the
/// timeline must not read that as every Network deleted, and must record what changed while it was down once listed.
/// </summary>
public sealed class TimelineRecorderRestartTests : IDisposable
{
    private readonly TimelineTestStore _db = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Restart_BeforeTheFirstList_RecordsNoDeletionAndAfterItExactlyWhatChangedWhileDown()
    {
        var before = new LiveState(TimeProvider.System);
        before.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16"));
        before.UpsertNetwork(TestNetworks.Make("green", 57, "172.21.0.0/16"));
        await _db.Store.AppendAsync(NewRecorder(before, _db.Store).Observe(before.Current, null), Token);
        var stored = await _db.Store.QueryAsync(new TimelineQuery { Limit = 500 }, Token);

        var live = new LiveState(TimeProvider.System); // the restarted console: nothing listed yet
        var reopened = _db.Open();
        using var appended = new SemaphoreSlim(0);
        reopened.Appended += _ => appended.Release();
        var recorder = NewRecorder(live, reopened);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await recorder.StartAsync(cts.Token);
        live.ReplaceNetworks([TestNetworks.Make("blue", 60, "172.19.0.0/16", 2, "9"), TestNetworks.Make("red", 88, "172.20.0.0/16")]);
        live.SetClusterConnection(true, null); // the first list is in

        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ceiling.CancelAfter(TimeSpan.FromSeconds(60)); // reached only on failure
        List<TimelineEntry> after;
        do
        {
            await appended.WaitAsync(ceiling.Token);
            after = [.. (await reopened.QueryAsync(new TimelineQuery { Limit = 500 }, Token)).Take(..^stored.Count)];
        }
        while (!after.Any(e => e.Name == "green"));
        await recorder.StopAsync(Token);

        Assert.Equal([("blue", TimelineEntryKind.Updated), ("green", TimelineEntryKind.Deleted), ("red", TimelineEntryKind.Created)],
            after.Select(e => (e.Name, e.Kind)).Order());
    }

    private static TimelineRecorder NewRecorder(LiveState live, TimelineStore store) =>
        new(live, store, Options.Create(new TimelineOptions { ResultTimeoutSeconds = 60 }), TimeProvider.System, NullLogger<TimelineRecorder>.Instance);
}
