using System.Text.Json.Nodes;
using Multinet.Shared.Validation;
using Multinet.KubeApi.Schema;

namespace Multinet.UnitTests.KubeApi.Schema;

/// <summary>The CRD files of deploy/ as the embedded API enforces them: the same rules a real kube-apiserver applies.</summary>
public sealed class CrdSchemaTests
{
    private static StructuralSchema Network => CrdManifests.Find("projectcalico.org", "networks")!.Schema;

    [Fact]
    public void Manifests_TheProductsAndThePrerequisitesCrds_AreAllEmbedded()
    {
        Assert.Equal(
            ["ippools.whereabouts.cni.cncf.io", "network-attachment-definitions.k8s.cni.cncf.io", "networkpolicies.crd.projectcalico.org", "networks.projectcalico.org",
             "virtualmachineinstances.kubevirt.io", "virtualmachines.kubevirt.io"],
            CrdManifests.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0", "spec.vni", "Invalid value: 0: spec.vni in body should be greater than or equal to 1")]
    [InlineData("16777216", "spec.vni", "Invalid value: 16777216: spec.vni in body should be less than or equal to 16777215")]
    [InlineData("4096", "spec.vni", "Invalid value: \"integer\": 4096 is reserved for the default pod network's VXLAN")]
    [InlineData("\"56\"", "spec.vni", "Invalid value: \"string\": spec.vni in body must be of type integer: \"string\"")]
    public void Network_BadVni_IsOneErrorNamingTheField(string vni, string field, string message)
    {
        var errors = Network.ValidateAndPrune(Object($$$"""{"spec":{"vni":{{{vni}}},"range":"10.1.0.0/16"}}"""));

        Assert.Equal([(field, message)], errors.Select(e => (e.Field, e.Message)));
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("10.1.0.0")]
    [InlineData("300.1.0.0/16")]
    [InlineData("10.1.0.0/33")]
    [InlineData("fd00::/129")]
    public void Network_RangeNotACidr_IsRefusedByThePattern(string range)
    {
        var errors = Network.ValidateAndPrune(Object($$$"""{"spec":{"vni":5,"range":"{{{range}}}"}}"""));

        var error = Assert.Single(errors);
        Assert.Equal(("spec.range", FieldReasons.Invalid), (error.Field, error.Reason));
        Assert.StartsWith($"Invalid value: \"{range}\": spec.range in body should match '", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("172.19.0.0/16")]
    [InlineData("10.0.0.0/8")]
    [InlineData("fd00:19::/64")]
    [InlineData("0.0.0.0/0")]
    public void Network_Cidr_Passes(string range) =>
        Assert.Empty(Network.ValidateAndPrune(Object($$$"""{"spec":{"vni":16777215,"range":"{{{range}}}","physicalNetworkName":""}}""")));

    [Fact]
    public void Network_MissingSpecFields_AreRequiredValues()
    {
        var errors = Network.ValidateAndPrune(Object("""{"spec":{"physicalNetworkName":"uplink-1"}}"""));

        Assert.Equal([("spec.vni", "Required value"), ("spec.range", "Required value")], errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public void Network_ConditionStatusOutsideItsEnum_IsNotSupported()
    {
        var errors = Network.ValidateAndPrune(Object("""
            {"spec":{"vni":5,"range":"10.1.0.0/16"},"status":{"conditions":[{"type":"Ready","status":"Maybe"}]}}
            """));

        Assert.Equal([("status.conditions[0].status", "FieldValueNotSupported")], errors.Select(e => (e.Field, e.Reason)));
    }

    [Fact]
    public void Network_UnknownFields_ArePrunedAndNamed()
    {
        var candidate = Object("""{"metadata":{"name":"blue","labels":{"a":"b"}},"spec":{"vni":5,"range":"10.1.0.0/16","extra":1},"other":{}}""");
        var pruned = new List<string>();

        Assert.Empty(Network.ValidateAndPrune(candidate, pruned));

        Assert.Equal(["spec.extra", "other"], pruned);
        Assert.Equal("""{"metadata":{"name":"blue","labels":{"a":"b"}},"spec":{"vni":5,"range":"10.1.0.0/16"}}""", candidate.ToJsonString());
    }

    [Fact]
    public void Network_CelRules_AreExactlyTheOnesTheEmbeddedApiEvaluates()
    {
        var rules = Network.Rules.Select(r => (r.Path, r.Rule.Text)).ToList();

        Assert.Equal([("spec.vni", "self != 4096")], rules);
        var rule = Network.Rules.Single().Rule;
        Assert.False(rule.Holds(4096));
        Assert.True(rule.Holds(4095));
        Assert.True(rule.Holds(4097));
    }

    [Theory]
    [InlineData("self.matches('^a$')")]
    [InlineData("size(self) < 3")]
    [InlineData("self != oldSelf")]
    public void CelRule_OfAFormTheEmbeddedApiCannotEvaluate_IsRefusedAtLoad(string rule)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CelRule.Parse(rule, null, "test.yaml"));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("self >= 10", 10, true)]
    [InlineData("self >= 10", 9, false)]
    [InlineData("self < -1", -2, true)]
    [InlineData("self == 7", 7, true)]
    [InlineData("self > 7", 7, false)]
    public void CelRule_Comparison_EvaluatesLikeCel(string rule, int self, bool holds) =>
        Assert.Equal(holds, CelRule.Parse(rule, null, "test.yaml").Holds(self));

    private static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
