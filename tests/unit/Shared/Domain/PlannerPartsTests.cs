using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Shared.Domain;

public sealed class PlannerPartsTests
{
    private static readonly string[] s_nodes = ["node-1", "node-2", "node-3"];

    /// <summary>The examples with more to plan: a second policy on blue, a second Service, a memif with queues, a pod without an address.</summary>
    private static ClusterView Richer() => View() with
    {
        Pods =
        [
            .. View().Pods,
            new ClusterPod("default", "queued", "node-2")
            {
                Labels = Labels(("app", "MyApp"), ("demo", "demo")),
                Annotations = Labels((Planner.MemifQueuesAnnotation, "memif-eth2=4")),
                Attachments = [Blue("172.19.0.11", "eth1"), Red("172.20.0.11")],
            },
            Pod("unaddressed", "node-1", Labels(("app", "MyApp")), Blue("10.1.1.1")),
            Pod("leaving", "node-3", Labels(("app", "MyApp")), Blue("172.19.0.13")) with { Terminating = true },
        ],
        Services =
        [
            .. View().Services,
            new ClusterService("default", "red-service", "red") { Selector = Labels(("demo", "demo")), ClusterIps = ["10.96.0.20", "fd00::20"], Ports = [new(null, "UDP", 53, 0)] },
            new ClusterService("default", "off-network", null) { Selector = Labels(("app", "MyApp")), ClusterIps = ["10.96.0.30"] },
        ],
        Policies =
        [
            .. View().Policies,
            new ClusterPolicy("default", "blue-web", "app == 'MyApp'") { Order = 10, Ingress = [new ClusterPolicyRule("Allow", "TCP", "blue") { DestinationPorts = ["80"] }] },
            new ClusterPolicy(null, "global-deny", "has(demo)") { Egress = [new ClusterPolicyRule("Deny", null, "red")] },
        ],
    };

    public static TheoryData<string> Views() => ["examples", "richer"];

    private static ClusterView ViewNamed(string name) => name == "examples" ? View() : Richer();

    [Theory]
    [MemberData(nameof(Views))]
    public void PlanServiceEntries_AreEveryNodesPlannedServiceEntries(string name)
    {
        var view = ViewNamed(name);

        var entries = Planner.PlanServiceEntries(view);

        Assert.NotEmpty(entries);
        Assert.All(s_nodes, node => Assert.Equal(Texts(Planner.Plan(node, view).Services), Texts(entries)));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void PlanServiceEntries_OfAViewWithOneService_AreThatServicesEntriesOfTheFullPlan(string name)
    {
        var view = ViewNamed(name);
        var full = Planner.Plan("node-1", view).Services;

        Assert.All(view.Services, service => Assert.Equal(
            Texts(full.Where(e => e.Namespace == service.Namespace && e.Name == service.Name)),
            Texts(Planner.PlanServiceEntries(view with { Services = [service] }))));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void PlanLocalPods_IsTheFullPlansVrfsInterfacesAndPolicyBindings(string name)
    {
        var view = ViewNamed(name);

        Assert.All(s_nodes, node =>
        {
            var full = Planner.Plan(node, view);
            var local = Planner.PlanLocalPods(node, view);

            Assert.Equal(full.Vrfs, local.Vrfs);
            Assert.Equal(full.Interfaces, local.Interfaces);
            Assert.Equal(Texts(full.Policies), Texts(local.Policies));
            Assert.Subset(full.Problems.ToHashSet(), local.Problems.ToHashSet());
            Assert.Empty(local.Tunnels);
            Assert.Empty(local.Routes);
            Assert.Empty(local.Services);
        });
        Assert.Contains(s_nodes, node => !Planner.PlanLocalPods(node, view).Policies.IsEmpty); // the comparison is not of empty lists only
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void PlanLocalPods_FromAViewHoldingOnlyTheNodesPods_IsTheSame(string name)
    {
        var view = ViewNamed(name);

        Assert.All(s_nodes, node =>
        {
            var whole = Planner.PlanLocalPods(node, view);
            var local = Planner.PlanLocalPods(node, view with { Pods = [.. view.Pods.Where(p => p.NodeName == node)] });

            Assert.Equal(whole.Interfaces, local.Interfaces);
            Assert.Equal(Texts(whole.Policies), Texts(local.Policies));
            Assert.Equal(whole.Problems, local.Problems);
        });
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void PlanLocalPods_FromAViewHoldingOnePod_IsThatPodsInterfacesOfTheFullPlan(string name)
    {
        var view = ViewNamed(name);

        Assert.All(view.Pods.Where(p => p.NodeName is not null), pod => Assert.Equal(
            Planner.Plan(pod.NodeName!, view).Interfaces.Where(i => i.Namespace == pod.Namespace && i.Pod == pod.Name),
            Planner.PlanLocalPods(pod.NodeName!, view with { Pods = [pod], Policies = [] }).Interfaces));
    }

    [Fact]
    public void PlanLocalPods_APodWithoutAnAddressInItsNetwork_IsTheSameProblemAsInTheFullPlan()
    {
        var problem = Assert.Single(Planner.PlanLocalPods("node-1", Richer()).Problems, p => p.Object is not null);

        Assert.Equal("interface default/unaddressed/eth1", problem.Object);
        Assert.Contains(problem, Planner.Plan("node-1", Richer()).Problems);
    }

    private static string[] Texts(IEnumerable<ServiceEntrySpec> entries) =>
        [.. entries.Select(e => $"{e.Key} table {e.TableId} -> {string.Join(",", e.Backends)}")];

    private static string[] Texts(IEnumerable<PolicyBindingSpec> bindings) =>
        [.. bindings.Select(b => $"{b.InterfaceTag} {b.Network} [{string.Join(",", b.Policies)}] "
            + string.Join(";", b.Rules.Select(r => $"{r.Policy} {r.Direction} {r.Action} {r.Protocol} {string.Join(",", r.Nets)} {string.Join(",", r.Ports)}")))];
}
