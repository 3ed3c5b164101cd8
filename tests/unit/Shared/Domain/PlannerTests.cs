using Multinet.Shared.Crds;
using Multinet.Shared.Domain;

namespace Multinet.UnitTests.Shared.Domain;

public sealed class PlannerTests
{
    private static V3Network Network(string name, long? vni, string? range, DateTime? created = null, long generation = 1)
    {
        var network = V3Network.Create(name, vni, range);
        network.Metadata.CreationTimestamp = created;
        network.Metadata.Generation = generation;
        return network;
    }

    [Fact]
    public void Plan_SeedBlueAndRed_GivesOneVrfPerNetwork()
    {
        var plan = Planner.Plan("node-1", [Network("red", 88, "172.20.0.0/16", generation: 3), Network("blue", 56, "172.19.0.0/16")]);

        Assert.Equal("node-1", plan.NodeName);
        Assert.Empty(plan.Problems);
        Assert.Equal(
            [
                new VrfPlan("blue", 56, false, 56, "172.19.0.0/16", 1),
                new VrfPlan("red", 88, false, 88, "172.20.0.0/16", 3),
            ],
            plan.Vrfs);
        Assert.Equal(["multinet:blue", "multinet:red"], plan.Vrfs.Select(v => v.TableName));
    }

    [Fact]
    public void Plan_DuplicateVni_OlderNetworkKeepsItAndTheOtherGetsAProblem()
    {
        var older = Network("zeta", 56, "172.19.0.0/16", created: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var newer = Network("alpha", 56, "172.21.0.0/16", created: new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));

        var plan = Planner.Plan("node-1", [newer, older]);

        var vrf = Assert.Single(plan.Vrfs);
        Assert.Equal("zeta", vrf.Network);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal("alpha", problem.Network);
        Assert.Contains("56", problem.Message, StringComparison.Ordinal);
        Assert.Contains("zeta", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "172.19.0.0/16", "spec.vni")]
    [InlineData(4096L, "172.19.0.0/16", "spec.vni")]
    [InlineData(16_777_216L, "172.19.0.0/16", "spec.vni")]
    [InlineData(null, "172.19.0.0/16", "spec.vni")]
    [InlineData(56L, "172.19.0.1/16", "spec.range")]
    [InlineData(56L, "not-a-cidr", "spec.range")]
    [InlineData(56L, null, "spec.range")]
    public void Plan_InvalidSpec_IsAProblemAndNoVrf(long? vni, string? range, string field)
    {
        var plan = Planner.Plan("node-1", [Network("blue", vni, range), Network("red", 88, "172.20.0.0/16")]);

        Assert.Equal("red", Assert.Single(plan.Vrfs).Network);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal("blue", problem.Network);
        Assert.StartsWith(field, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Ipv6Range_MarksTheVrfIpv6()
    {
        var plan = Planner.Plan("node-1", [Network("green", 77, "fd00:19::/64"), Network("blue", 56, "172.19.0.0/16")]);

        Assert.Collection(plan.Vrfs,
            blue => Assert.False(blue.IsIpv6),
            green =>
            {
                Assert.True(green.IsIpv6);
                Assert.Equal(77u, green.TableId);
                Assert.Equal("fd00:19::/64", green.Range);
            });
    }
}
