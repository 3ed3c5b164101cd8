using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Shared.Domain;

public sealed class PlannerServicesAndPoliciesTests
{
    private static ClusterService MyService(params string[] clusterIps) => View().Services[0] with { ClusterIps = [.. clusterIps] };

    [Fact]
    public void Plan_ServiceSelector_AllTermsMustMatch()
    {
        var view = View() with
        {
            Services = [MyService("10.96.0.10") with { Selector = Labels(("app", "MyApp"), ("demo", "demo")) }],
        };

        var entry = Assert.Single(Planner.Plan("node-1", view).Services);

        Assert.Equal(["172.19.0.5:9376"], entry.Backends); // otherpod lacks demo=demo
    }

    [Fact]
    public void Plan_DualStackService_OneEntryPerVipWithThatFamilysBackends()
    {
        var view = View() with
        {
            Networks = [Network("blue", 56, "fd00:19::/64"), Network("red", 88, "172.20.0.0/16")],
            Pods = [Pod("v6", "node-1", Labels(("app", "MyApp")), new PodAttachment("default", "network-blue-conf", "eth1", ["fd00:19::5", "172.19.0.5"], null))],
            Services = [MyService("10.96.0.10", "fd00:96::10")],
        };

        var entries = Planner.Plan("node-1", view).Services;

        Assert.Equal(["10.96.0.10 172.19.0.5:9376", "fd00:96::10 [fd00:19::5]:9376"], entries.Select(e => $"{e.Vip} {string.Join(",", e.Backends)}"));
    }

    [Fact]
    public void Plan_ServiceWithoutClusterIpOrOnUnknownNetwork_HasNoEntry()
    {
        var view = View() with { Services = [MyService(), MyService("10.96.0.11") with { Name = "other", Network = "green" }] };

        Assert.Empty(Planner.Plan("node-1", view).Services);
    }

    [Fact]
    public void Plan_ServiceSelectsOnlyPodsInItsNamespace()
    {
        var view = View() with
        {
            Pods = [.. View().Pods, new ClusterPod("other", "x", "node-3") { Labels = Labels(("app", "MyApp")), Attachments = [Blue("172.19.0.77")] }],
        };

        Assert.DoesNotContain("172.19.0.77:9376", Assert.Single(Planner.Plan("node-1", view).Services).Backends);
    }

    [Fact]
    public void Plan_InvalidPolicySelector_IsAProblemNamingThePolicyNotAnException()
    {
        var view = View() with { Policies = [.. View().Policies, new ClusterPolicy(null, "broken", "demo == ")] };

        var plan = Planner.Plan("node-1", view);

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("policy broken", problem.Object);
        Assert.Contains("demo == ", problem.Message, StringComparison.Ordinal);
        Assert.Single(plan.Policies); // my-policy still binds
    }

    [Fact]
    public void Plan_NamespacedPolicy_AppliesOnlyInItsNamespace_GlobalOnesEverywhere()
    {
        var redRule = new ClusterPolicyRule("Deny", null, "red") { SourceNets = ["10.0.0.0/8"] };
        var view = View() with
        {
            Policies =
            [
                new ClusterPolicy("elsewhere", "theirs", "all()") { Ingress = [redRule] },
                new ClusterPolicy(null, "global", "has(demo)") { Egress = [redRule], Order = 10 },
            ],
        };

        var binding = Assert.Single(Planner.Plan("node-1", view).Policies);

        Assert.Equal(["global"], binding.Policies);
        var rule = Assert.Single(binding.Rules);
        Assert.Equal(("egress", "Deny"), (rule.Direction, rule.Action));
        Assert.Empty(rule.Nets); // an egress rule is scoped by destination nets: none here
    }

    [Fact]
    public void Plan_PoliciesInCalicoOrder_RulesOfEachMatchingPolicyAreCollected()
    {
        var view = View() with
        {
            Policies =
            [
                new ClusterPolicy("default", "b-second", "app == 'MyApp'") { Order = 20, Ingress = [new ClusterPolicyRule("Deny", "UDP", "red")] },
                new ClusterPolicy("default", "a-first", "demo in {'demo', 'x'}") { Order = 5, Ingress = [new ClusterPolicyRule("Allow", "TCP", "red")] },
                new ClusterPolicy("default", "no-match", "!has(demo)") { Ingress = [new ClusterPolicyRule("Deny", null, "red")] },
            ],
        };

        var binding = Assert.Single(Planner.Plan("node-1", view).Policies);

        Assert.Equal(["default/a-first", "default/b-second"], binding.Policies);
        Assert.Equal(["Allow", "Deny"], binding.Rules.Select(r => r.Action));
    }

    [Fact]
    public void Plan_NetworkScopedRuleCalicoWouldRefuse_IsLeftOutAsAProblemNamingItsField_TheOthersBind()
    {
        var view = View() with
        {
            Policies =
            [
                new ClusterPolicy("default", "mixed", "has(demo)")
                {
                    Ingress =
                    [
                        new ClusterPolicyRule("Allow", "TCP", "red") { DestinationPorts = ["99999"] },
                        new ClusterPolicyRule("Allow", "TCP", "red") { SourceNets = ["10.0.0.0/8"], DestinationPorts = ["7809"] },
                        new ClusterPolicyRule("Permit", null, null), // the default network's: not ours to judge
                    ],
                    Egress = [new ClusterPolicyRule("Deny", null, "red") { DestinationNets = ["10.0.0.0/99"] }],
                },
            ],
        };

        var plan = Planner.Plan("node-1", view);

        var rule = Assert.Single(Assert.Single(plan.Policies).Rules);
        Assert.Equal(("ingress", "Allow", "7809"), (rule.Direction, rule.Action, Assert.Single(rule.Ports)));
        Assert.Equal(
        [
            "Policy default/mixed: spec.ingress[0].destination.ports[0] \"99999\" is not a port (1..65535), a range (from:to) or a port name. The rule is not enforced.",
            "Policy default/mixed: spec.egress[0].destination.nets[0] \"10.0.0.0/99\" is not a CIDR. The rule is not enforced.",
        ], plan.Problems.Select(p => p.Message));
        Assert.All(plan.Problems, p => Assert.Equal(("red", "policy default/mixed"), (p.Network, p.Object)));
    }
}
