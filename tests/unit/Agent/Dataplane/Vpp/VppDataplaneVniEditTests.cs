using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// A VNI edit of a Network with pods on the node, planned and diffed as the agent does and applied to the fake VPP (which
/// refuses, as VPP does, to rebind an interface that borrows an address) and to the simulated dataplane: the pod's memif and
/// tap stay (same sw_if_index, no delete or create), now in the new table and unnumbered to its loopback.
/// </summary>
public sealed class VppDataplaneVniEditTests : IDisposable
{
    private readonly string _sockets = Directory.CreateTempSubdirectory("mn-vni-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_sockets, recursive: true);

    /// <summary>The example cluster's plan for node-1, its memif sockets in a temp directory.</summary>
    private NodePlan Plan(ClusterView view)
    {
        var plan = Planner.Plan("node-1", view);
        return plan with
        {
            Interfaces = [.. plan.Interfaces.Select(i => i.MemifSocket is null ? i : i with { MemifSocket = Path.Combine(_sockets, Path.GetFileName(i.MemifSocket)) })],
        };
    }

    private static async Task<IReadOnlyList<DataplaneOperation>> ReconcileAsync(IDataplane dataplane, NodePlan plan)
    {
        var operations = DataplaneDiff.Compute(plan, await dataplane.DumpAsync(Token));
        foreach (var operation in operations)
        {
            await dataplane.ApplyAsync(operation, Token);
        }

        return operations;
    }

    private static ClusterView RedVni(int vni)
    {
        var view = View();
        return view with { Networks = [view.Networks[0], Network("red", vni, "172.20.0.0/16", generation: 2)] };
    }

    [Fact]
    public async Task VniEdit_OnVpp_MovesThePodsMemifIntoTheNewTableWithoutRecreatingIt()
    {
        await using var vpp = new FakeVppServer();
        await using (var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance))
        {
            dataplane.SetUnderlay("10.0.0.1", null);
            await ReconcileAsync(dataplane, Plan(View()));
            var memif = vpp.Interfaces.Single(i => i.Memif is not null);
            var createsBefore = (vpp.CountOf("memif_create_v2"), vpp.CountOf("tap_create_v3"));
            var aclsBefore = vpp.CountOf("acl_interface_set_acl_list");

            var ops = await ReconcileAsync(dataplane, Plan(RedVni(89)));

            var move = Assert.Single(ops.OfType<DataplaneOperation.MovePodInterface>());
            Assert.Equal((memif.SwIfIndex, 89u), (move.Interface.SwIfIndex, move.Target.TableId));
            Assert.DoesNotContain(ops, op => op is DataplaneOperation.DeletePodInterface or DataplaneOperation.AddPodInterface
                or DataplaneOperation.UnbindPolicy or DataplaneOperation.BindPolicy);
            Assert.Equal(createsBefore, (vpp.CountOf("memif_create_v2"), vpp.CountOf("tap_create_v3")));
            Assert.Equal(0, vpp.CountOf("memif_delete"));
            Assert.Equal(aclsBefore, vpp.CountOf("acl_interface_set_acl_list"));

            var after = vpp.Interfaces.Single(i => i.Memif is not null);
            var loopback = vpp.Interfaces.Single(i => i.Tag == "mn:l:4:89");
            Assert.Equal((memif.SwIfIndex, 89u, loopback.SwIfIndex, true, true), (after.SwIfIndex, after.Ip4Table, after.UnnumberedTo, after.Ip4Enabled, after.CnatFeature));
            Assert.DoesNotContain(vpp.Interfaces, i => i.Tag == "mn:l:4:88");
            Assert.DoesNotContain(vpp.State.Tables, t => t.TableId == 88);
            Assert.Contains(vpp.Routes, r => r.TableId == 89 && r.Prefix.ToString() == "172.20.0.5/32" && r.SwIfIndex == memif.SwIfIndex);
            Assert.DoesNotContain(vpp.Routes, r => r.TableId == 88);

            Assert.Empty(await ReconcileAsync(dataplane, Plan(RedVni(89))));
        }

        await using var restarted = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        restarted.SetUnderlay("10.0.0.1", null);
        // A restarted agent finds the moved memif where the plan wants it (only policy rules, which VPP's ACLs do not give back
        // in the plan's terms, are bound again in place).
        Assert.All(DataplaneDiff.Compute(Plan(RedVni(89)), await restarted.DumpAsync(Token)), op => Assert.IsType<DataplaneOperation.BindPolicy>(op));
    }

    [Fact]
    public async Task VniEdit_OnTheSimulatedDataplane_KeepsEveryPodInterfaceAndConverges()
    {
        var dataplane = new SimulatedDataplane();
        await ReconcileAsync(dataplane, Plan(View()));
        var before = (await dataplane.DumpAsync(Token)).Interfaces.ToDictionary(i => i.Spec.Tag, i => i.SwIfIndex);

        var ops = await ReconcileAsync(dataplane, Plan(RedVni(89)));

        Assert.Single(ops.OfType<DataplaneOperation.MovePodInterface>());
        var after = (await dataplane.DumpAsync(Token)).Interfaces;
        Assert.Equal(before, after.ToDictionary(i => i.Spec.Tag, i => i.SwIfIndex));
        Assert.Equal(89u, after.Single(i => i.Spec.Network == "red").Spec.TableId);
        Assert.Empty(await ReconcileAsync(dataplane, Plan(RedVni(89))));
    }
}
