using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Cluster;
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

    private TimelineRecorder NewRecorder(TimelineStore? store = null) =>
        new(_live, store ?? _db.Store, Options.Create(new TimelineOptions { ResultTimeoutSeconds = 60 }), _time, NullLogger<TimelineRecorder>.Instance);

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
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeConnected("node-2", "Simulated", "1.0");
        _live.UpsertNetwork(Blue());
        recorder.Observe(_live.Current, null);
        var seenAt = _time.GetUtcNow().UtcDateTime;
        _live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, seenAt.AddMilliseconds(140))]);
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

    private static readonly ClusterPod s_podA = new("default", "pod-a", "node-1")
    {
        Labels = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
        Attachments = [new PodAttachment("default", "blue-conf", "net1", ["172.19.0.5"], null)],
    };

    private static ClusterNad BlueConf(string? manager = "kubectl-client-side-apply") => new("default", "blue-conf", "blue", "calico", "whereabouts", null) { LastManager = manager };

    private static ClusterService Web(int port = 80, string? manager = "kubectl-client-side-apply") => new("default", "web", "blue")
    {
        Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
        ClusterIps = ["10.96.0.10"],
        Ports = [new ClusterServicePort("http", "TCP", port, 8080)],
        LastManager = manager,
    };

    private static ClusterPolicy AllowWeb(string? manager = "multinet-console") => new("default", "allow-web", "app == 'web'")
    {
        Ingress = [new ClusterPolicyRule("Allow", "TCP", "blue") { DestinationPorts = ["8080"] }],
        LastManager = manager,
    };

    private void SetObjects(IEnumerable<ClusterNad>? nads = null, IEnumerable<ClusterService>? services = null, IEnumerable<ClusterPolicy>? policies = null,
        IEnumerable<ClusterPod>? pods = null) =>
        _live.ReplaceObjects("test", _ => new ClusterObjects
        {
            Synced = true,
            Nads = LiveState.Keyed(nads ?? [], n => n.Key),
            Services = LiveState.Keyed(services ?? [], s => s.Key),
            Policies = LiveState.Keyed(policies ?? [], p => p.Key),
            Pods = LiveState.Keyed(pods ?? [], p => p.Key),
        });

    private static readonly IReadOnlyList<LiveChange> s_objectsChanged = [new LiveChange(LiveChangeKind.ClusterObjectsChanged, "test", 1)];

    private static IReadOnlyList<LiveChange> NodeChanged(string node) => [new LiveChange(LiveChangeKind.NodeUpserted, node, 1)];

    private static ApplyStats Apply(double ms) => new(new DateTime(2026, 11, 1, 12, 0, 1, DateTimeKind.Utc), ms, 3, 0);

    /// <summary>blue exists, node-1 is connected with blue's VRF applied, and the recorder has seen all that.</summary>
    private TimelineRecorder WithBlueOnNode1(IEnumerable<ClusterPod>? pods = null, IEnumerable<ClusterNad>? nads = null, List<TimelineEntry>? initial = null)
    {
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeSnapshot("node-1", new NodeInventory { Vrfs = [new VrfStatus("blue", 56, VrfState.Applied, null, 1, null)] });
        _live.UpsertNetwork(Blue());
        SetObjects(nads: nads, pods: pods);
        var recorder = NewRecorder();
        var entries = recorder.Observe(_live.Current, null);
        initial?.AddRange(entries);
        return recorder;
    }

    [Fact]
    public void Observe_NadServiceAndPolicyChanges_CarryWhoWroteThemOrUnknownAndDeletionsNoOne()
    {
        var recorder = NewRecorder();
        SetObjects(nads: [BlueConf()], services: [Web(manager: "multinet-console")], policies: [AllowWeb(manager: null)]);
        var created = recorder.Observe(_live.Current, s_objectsChanged);
        SetObjects();
        var deleted = recorder.Observe(_live.Current, s_objectsChanged);

        Assert.Equal([("NetworkAttachmentDefinition", "kubectl-client-side-apply"), ("Service", "multinet-console"), ("NetworkPolicy", "unknown")],
            created.Select(e => (e.ObjectKind, e.Actor)));
        Assert.Equal(3, deleted.Count);
        Assert.All(deleted, e => Assert.Equal((TimelineEntryKind.Deleted, (string?)null), (e.Kind, e.Actor)));
    }

    [Fact]
    public void FieldManagers_LastWriter_IsTheNewestWriteOfTheObjectNotAStatusUpdate()
    {
        var service = new k8s.Models.V1Service
        {
            Metadata = new k8s.Models.V1ObjectMeta
            {
                Name = "web", NamespaceProperty = "default",
                ManagedFields =
                [
                    new k8s.Models.V1ManagedFieldsEntry { Manager = "kubectl-client-side-apply", Operation = "Update", Time = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc) },
                    new k8s.Models.V1ManagedFieldsEntry { Manager = "multinet-console", Operation = "Apply", Time = new DateTime(2026, 11, 1, 12, 5, 0, DateTimeKind.Utc) },
                    new k8s.Models.V1ManagedFieldsEntry { Manager = "multinet-agent", Operation = "Update", Subresource = "status", Time = new DateTime(2026, 11, 1, 12, 9, 0, DateTimeKind.Utc) },
                ],
            },
        };

        Assert.Equal("multinet-console", ClusterViewProjection.ToService(service).LastManager);
        Assert.Null(FieldManagers.LastWriter(new k8s.Models.V1ObjectMeta { Name = "web" }));
    }

    [Fact]
    public void ServiceCreated_NodeReportsItsEntries_RecordsAppliedWithTheNodesApplyDuration()
    {
        var recorder = WithBlueOnNode1();
        SetObjects(services: [Web()]);
        var change = recorder.Observe(_live.Current, s_objectsChanged);
        _live.NodeSnapshot("node-1", new NodeInventory
        {
            Vrfs = [new VrfStatus("blue", 56, VrfState.Applied, null, 1, null)],
            Services = [new ServiceEntryStatus("default", "web", "blue", "10.96.0.10", 80, "TCP")],
            LastApply = Apply(12.4),
        });
        var results = recorder.Observe(_live.Current, NodeChanged("node-1"));
        var again = recorder.Observe(_live.Current, NodeChanged("node-1"));

        Assert.Equal(TimelineEntryKind.Created, Assert.Single(change).Kind);
        var applied = Assert.Single(results);
        Assert.Equal((TimelineEntryKind.Applied, "Service", "default/web", "node-1", 12.4), (applied.Kind, applied.ObjectKind, applied.Name, applied.Node, applied.DurationMs));
        Assert.Equal("Applied on node-1 in 12 ms", applied.Summary);
        Assert.Empty(again);
        Assert.Equal(0, recorder.PendingCount);
    }

    [Fact]
    public void ServiceEdited_NodeAppliedBeforeTheConsoleSawTheEdit_RecordsAppliedWithThatApplysDuration()
    {
        var recorder = WithBlueOnNode1();
        SetObjects(services: [Web()]);
        recorder.Observe(_live.Current, s_objectsChanged);
        _live.NodeSnapshot("node-1", new NodeInventory { Services = [new ServiceEntryStatus("default", "web", "blue", "10.96.0.10", 80, "TCP")], LastApply = Apply(5) });
        recorder.Observe(_live.Current, NodeChanged("node-1"));

        // The node's own watch delivered the edit first: its report of the new port arrives before the console's watch does.
        _live.NodeSnapshot("node-1", new NodeInventory { Services = [new ServiceEntryStatus("default", "web", "blue", "10.96.0.10", 81, "TCP")], LastApply = Apply(7.5) });
        recorder.Observe(_live.Current, NodeChanged("node-1"));
        SetObjects(services: [Web(port: 81)]);
        var entries = recorder.Observe(_live.Current, s_objectsChanged);

        Assert.Equal([TimelineEntryKind.Updated, TimelineEntryKind.Applied], entries.Select(e => e.Kind));
        Assert.Equal(("node-1", 7.5), (entries[1].Node, entries[1].DurationMs));
        Assert.Equal(0, recorder.PendingCount);
    }

    [Fact]
    public void NetworkDeleted_EachConnectedNodeRecordsItsResultOnceItsVrfIsGone()
    {
        var recorder = NewRecorder();
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeConnected("node-2", "Simulated", "1.0");
        _live.UpsertNetwork(Blue());
        recorder.Observe(_live.Current, null);
        _live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, null)]);
        _live.NodeSnapshot("node-2", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, null)]);
        recorder.Observe(_live.Current, [.. NodeChanged("node-1"), .. NodeChanged("node-2")]);

        _live.RemoveNetwork("blue");
        Assert.Equal(TimelineEntryKind.Deleted, Assert.Single(recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NetworkRemoved, "blue", 9)])).Kind);
        Assert.Equal(2, recorder.PendingCount);
        _live.NodeSnapshot("node-1", NodeInventory.Empty);
        var results = recorder.Observe(_live.Current, NodeChanged("node-1"));

        var applied = Assert.Single(results);
        Assert.Equal((TimelineEntryKind.Applied, "node-1", "blue"), (applied.Kind, applied.Node, applied.Name));
        Assert.Equal(1, recorder.PendingCount); // node-2 still holds the VRF
    }

    [Fact]
    public void ServiceEdited_NodeStillReportsTheOldEntries_WaitsThenRecordsNotAppliedAfterTheTimeout()
    {
        var recorder = WithBlueOnNode1();
        SetObjects(services: [Web()]);
        recorder.Observe(_live.Current, s_objectsChanged);
        _live.NodeSnapshot("node-1", new NodeInventory { Services = [new ServiceEntryStatus("default", "web", "blue", "10.96.0.10", 80, "TCP")], LastApply = Apply(5) });
        recorder.Observe(_live.Current, NodeChanged("node-1"));
        SetObjects(services: [Web(port: 81)]);

        Assert.Equal(TimelineEntryKind.Updated, Assert.Single(recorder.Observe(_live.Current, s_objectsChanged)).Kind);
        _live.NodeSeen("node-1");
        Assert.Empty(recorder.Observe(_live.Current, NodeChanged("node-1")));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(recorder.Expire());
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = Assert.Single(recorder.Expire());
        Assert.Equal((TimelineEntryKind.NotApplied, "node-1", "Not applied on node-1 within 60 s"), (expired.Kind, expired.Node, expired.Summary));
        Assert.Empty(recorder.Expire());
    }

    [Fact]
    public void ServiceCreated_NodeReportsAnErrorForIt_RecordsFailedNamingTheObject()
    {
        var recorder = WithBlueOnNode1();
        SetObjects(services: [Web()]);
        recorder.Observe(_live.Current, s_objectsChanged);
        _live.NodeSnapshot("node-1", new NodeInventory
        {
            Errors = [new ObjectError("service default/web/blue/10.96.0.10:80/TCP", "blue", "VPP: no such FIB table")],
            LastApply = Apply(3) with { Failures = 1 },
        });

        var failed = Assert.Single(recorder.Observe(_live.Current, NodeChanged("node-1")));

        Assert.Equal((TimelineEntryKind.Failed, "node-1"), (failed.Kind, failed.Node));
        Assert.Equal("service default/web/blue/10.96.0.10:80/TCP: VPP: no such FIB table", failed.Error);
        Assert.Equal("Failed on node-1: service default/web/blue/10.96.0.10:80/TCP: VPP: no such FIB table", failed.Summary);
    }

    [Fact]
    public void PolicyCreated_NodeReportsTheBinding_RecordsApplied()
    {
        var recorder = WithBlueOnNode1(pods: [s_podA], nads: [BlueConf()]);
        SetObjects(nads: [BlueConf()], pods: [s_podA], policies: [AllowWeb()]);
        var change = Assert.Single(recorder.Observe(_live.Current, s_objectsChanged));
        _live.NodeSnapshot("node-1", new NodeInventory
        {
            Taps = [new TapStatus("default", "pod-a", "net1", "blue", "172.19.0.5/32")],
            Policies = [new PolicyBindingStatus("default", "pod-a", "net1", "blue") { Policies = ["default/allow-web"], RuleCount = 1 }],
            LastApply = Apply(7),
        });

        var applied = Assert.Single(recorder.Observe(_live.Current, NodeChanged("node-1")), e => e.ObjectKind == "NetworkPolicy");

        Assert.Equal(("NetworkPolicy", "multinet-console"), (change.ObjectKind, change.Actor));
        Assert.Equal((TimelineEntryKind.Applied, "NetworkPolicy", "default/allow-web", 7.0), (applied.Kind, applied.ObjectKind, applied.Name, applied.DurationMs));
    }

    [Fact]
    public void NadCreated_NodeCreatesThePodInterface_RecordsAppliedAndNodesWithoutItsPodsAwaitNothing()
    {
        var recorder = WithBlueOnNode1(pods: [s_podA]);
        _time.Advance(TimeSpan.FromSeconds(61)); // node-2 joins after blue's results were collected: not awaited for blue
        _live.NodeConnected("node-2", "Simulated", "1.0");
        SetObjects(nads: [BlueConf()], pods: [s_podA]);
        Assert.Single(recorder.Observe(_live.Current, s_objectsChanged));
        Assert.Equal(1, recorder.PendingCount); // node-2 has no pod attached through it
        _live.NodeSnapshot("node-1", new NodeInventory { Taps = [new TapStatus("default", "pod-a", "net1", "blue", "172.19.0.5/32")], LastApply = Apply(9) });

        var applied = Assert.Single(recorder.Observe(_live.Current, NodeChanged("node-1")));

        Assert.Equal((TimelineEntryKind.Applied, "NetworkAttachmentDefinition", "default/blue-conf", "node-1"), (applied.Kind, applied.ObjectKind, applied.Name, applied.Node));
    }

    [Fact]
    public void NetworkEdited_VrfAppliedButATunnelFails_RecordsFailedNamingTheTunnel()
    {
        var recorder = WithBlueOnNode1();
        _live.UpsertNetwork(Blue(vni: 57, generation: 2));
        Assert.Single(recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NetworkUpserted, "blue", 2)]));
        _live.NodeSnapshot("node-1", new NodeInventory
        {
            Vrfs = [new VrfStatus("blue", 57, VrfState.Applied, null, 2, _time.GetUtcNow().UtcDateTime)],
            Errors = [new ObjectError("tunnel blue/node-2", "blue", "no route to 10.0.0.2")],
        });

        var failed = Assert.Single(recorder.Observe(_live.Current, NodeChanged("node-1")));

        Assert.Equal((TimelineEntryKind.Failed, "node-1", "tunnel blue/node-2: no route to 10.0.0.2"), (failed.Kind, failed.Node, failed.Error));
    }

    [Fact]
    public async Task Restart_AfterAResultWasRecorded_RecordsNeitherTheChangeNorTheResultAgain()
    {
        var initial = new List<TimelineEntry>();
        var recorder = WithBlueOnNode1(initial: initial);
        await _db.Store.AppendAsync(initial, TestContext.Current.CancellationToken);
        SetObjects(services: [Web()]);
        await _db.Store.AppendAsync(recorder.Observe(_live.Current, s_objectsChanged), TestContext.Current.CancellationToken);
        _live.NodeSnapshot("node-1", new NodeInventory
        {
            Vrfs = [new VrfStatus("blue", 56, VrfState.Applied, null, 1, null)],
            Services = [new ServiceEntryStatus("default", "web", "blue", "10.96.0.10", 80, "TCP")],
            LastApply = Apply(4),
        });
        await _db.Store.AppendAsync(recorder.Observe(_live.Current, NodeChanged("node-1")), TestContext.Current.CancellationToken);
        var before = await _db.Store.QueryAsync(new TimelineQuery { Limit = 500 }, TestContext.Current.CancellationToken);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var reopened = _db.Open();
        var appended = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        reopened.Appended += id => appended.TrySetResult(id);
        var restarted = NewRecorder(reopened);
        await restarted.StartAsync(cts.Token);
        _live.UpsertNetwork(TestNetworks.Make("red", 88, "172.20.0.0/16")); // something new after the restart
        await appended.Task.WaitAsync(TestContext.Current.CancellationToken);
        await restarted.StopAsync(TestContext.Current.CancellationToken);

        var after = await reopened.QueryAsync(new TimelineQuery { Limit = 500 }, TestContext.Current.CancellationToken);
        Assert.Contains(before, e => e.Kind == TimelineEntryKind.Applied && e.Name == "default/web");
        Assert.Equal([("red", TimelineEntryKind.Created)], after.Take(after.Count - before.Count).Select(e => (e.Name, e.Kind)));
    }

    [Fact]
    public async Task Running_ANodeThatNeverApplies_IsRecordedAsNotAppliedOnceTheTimeoutPasses()
    {
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.UpsertNetwork(Blue());
        var stored = System.Threading.Channels.Channel.CreateUnbounded<long>();
        _db.Store.Appended += id => stored.Writer.TryWrite(id);
        var recorder = NewRecorder();
        var token = TestContext.Current.CancellationToken;

        await recorder.StartAsync(token);
        await stored.Reader.ReadAsync(token); // blue created, node-1's result awaited
        _time.Advance(TimeSpan.FromSeconds(60));
        await stored.Reader.ReadAsync(token);
        await recorder.StopAsync(token);

        var entries = await _db.Store.QueryAsync(new TimelineQuery { Name = "blue" }, token);
        Assert.Equal([(TimelineEntryKind.NotApplied, "node-1"), (TimelineEntryKind.Created, null)], entries.Select(e => (e.Kind, e.Node)));
        Assert.Equal("Not applied on node-1 within 60 s", entries[0].Summary);
    }
}
