using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Timeline;

public sealed class TimelineRecorderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TimelineTestStore _db = new();
    private readonly LiveState _live;

    public TimelineRecorderTests() => _live = new LiveState(_time);

    public void Dispose() => _db.Dispose();

    private TimelineRecorder NewRecorder(TimelineStore? store = null) => new(_live, store ?? _db.Store, _time, NullLogger<TimelineRecorder>.Instance);

    private static V3Network Blue(long vni = 56, long generation = 1, string range = "172.19.0.0/16", string manager = "kubectl-client-side-apply")
    {
        var network = TestNetworks.Make("blue", vni, range, generation, generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        network.Metadata.ManagedFields = [new k8s.Models.V1ManagedFieldsEntry { Manager = manager, Operation = "Update", Time = DateTime.UtcNow }];
        return network;
    }

    [Fact]
    public void Observe_CreateEditAndDelete_RecordsEachWithWhoAndTheSpecDiff()
    {
        var recorder = NewRecorder();
        _live.UpsertNetwork(Blue());
        var created = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NetworkUpserted, "blue", 1)]);
        _live.UpsertNetwork(Blue(vni: 57, generation: 2, manager: "multinet-console"));
        var edited = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NetworkUpserted, "blue", 2)]);
        _live.RemoveNetwork("blue");
        var deleted = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NetworkRemoved, "blue", 3)]);

        var create = Assert.Single(created);
        Assert.Equal((TimelineEntryKind.Created, "kubectl-client-side-apply"), (create.Kind, create.Actor));
        Assert.Contains("VNI 56", create.Summary, StringComparison.Ordinal);
        var edit = Assert.Single(edited);
        Assert.Equal((TimelineEntryKind.Updated, "multinet-console"), (edit.Kind, edit.Actor));
        Assert.Contains("vni 56 → 57", edit.Summary, StringComparison.Ordinal);
        Assert.Contains("- vni: 56", edit.Diff, StringComparison.Ordinal);
        Assert.Contains("+ vni: 57", edit.Diff, StringComparison.Ordinal);
        Assert.Equal(TimelineEntryKind.Deleted, Assert.Single(deleted).Kind);
    }

    [Fact]
    public void Observe_StatusOnlyChange_RecordsNothing()
    {
        var recorder = NewRecorder();
        _live.UpsertNetwork(Blue());
        recorder.Observe(_live.Current, null);
        var withStatus = Blue();
        withStatus.Metadata.ResourceVersion = "9";
        withStatus.Status = new NetworkStatus { ObservedGeneration = 1 };
        _live.UpsertNetwork(withStatus);

        Assert.Empty(recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NetworkUpserted, "blue", 2)]));
    }

    [Fact]
    public void Observe_NodeAppliesTheSeenGeneration_RecordsTheTimeFromChangeToApply()
    {
        var recorder = NewRecorder();
        _live.UpsertNetwork(Blue());
        recorder.Observe(_live.Current, null);
        var seenAt = _time.GetUtcNow().UtcDateTime;
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, seenAt.AddMilliseconds(140))]);
        _live.NodeConnected("node-2", "Simulated", "1.0");
        _live.NodeSnapshot("node-2", [new VrfStatus("blue", 56, VrfState.Error, "table 56 is held by another owner", 1, null)]);

        var entries = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NodeUpserted, "node-1", 5), new LiveChange(LiveChangeKind.NodeUpserted, "node-2", 6)]);
        var again = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NodeUpserted, "node-1", 7)]);

        Assert.Collection(entries,
            applied =>
            {
                Assert.Equal((TimelineEntryKind.Applied, "node-1", 140.0), (applied.Kind, applied.Node, applied.DurationMs));
                Assert.Equal("Applied on node-1 in 140 ms (generation 1)", applied.Summary);
            },
            failed => Assert.Equal((TimelineEntryKind.Failed, "node-2", "table 56 is held by another owner"), (failed.Kind, failed.Node, failed.Error)));
        Assert.Empty(again);
    }

    [Fact]
    public async Task Restart_WithStoredHistory_DoesNotRecordUnchangedNetworksAgainButDiffsAgainstTheStoredSpec()
    {
        var first = NewRecorder();
        _live.UpsertNetwork(Blue());
        await _db.Store.AppendAsync(first.Observe(_live.Current, null), TestContext.Current.CancellationToken);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var reopened = _db.Open();
        var appended = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        reopened.Appended += id => appended.TrySetResult(id);
        _live.UpsertNetwork(Blue(vni: 60, generation: 2)); // changed while the console was down
        var restarted = NewRecorder(reopened);
        await restarted.StartAsync(cts.Token);
        await appended.Task.WaitAsync(TestContext.Current.CancellationToken);
        await restarted.StopAsync(TestContext.Current.CancellationToken);

        var all = await reopened.QueryAsync(new TimelineQuery { Name = "blue" }, TestContext.Current.CancellationToken);
        Assert.Equal([TimelineEntryKind.Updated, TimelineEntryKind.Created], all.Select(e => e.Kind));
        Assert.Contains("vni 56 → 60", all[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_NadsServicesAndPolicies_CreatedEditedAndDeletedAreRecordedToo()
    {
        var recorder = NewRecorder();
        ClusterObjects With(string? network) => new()
        {
            Synced = true,
            Nads = LiveState.Keyed<Multinet.Shared.Cluster.ClusterNad>(network is null ? [] : [new Multinet.Shared.Cluster.ClusterNad("default", "blue-conf", network, "calico", "whereabouts", null)], n => n.Key),
        };
        _live.ReplaceObjects("NADs", _ => With("blue"));
        var created = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.ClusterObjectsChanged, "NADs", 1)]);
        _live.ReplaceObjects("NADs", _ => With("red"));
        var edited = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.ClusterObjectsChanged, "NADs", 2)]);
        _live.ReplaceObjects("NADs", _ => With(null));
        var deleted = recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.ClusterObjectsChanged, "NADs", 3)]);

        Assert.Equal((TimelineEntryKind.Created, "NetworkAttachmentDefinition", "default/blue-conf"), (Assert.Single(created).Kind, created[0].ObjectKind, created[0].Name));
        Assert.Contains("network blue → red", Assert.Single(edited).Summary, StringComparison.Ordinal);
        Assert.Contains("+ network: red", edited[0].Diff, StringComparison.Ordinal);
        Assert.Equal(TimelineEntryKind.Deleted, Assert.Single(deleted).Kind);
    }
}
