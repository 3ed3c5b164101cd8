using System.Text.Json.Nodes;
using Multinet.Web.Yaml;

namespace Multinet.UnitTests.Web.Yaml;

public sealed class ThreeWayMergeTests
{
    private static JsonObject Network(string rv, long vni, string range, string? label = null)
    {
        var metadata = new JsonObject { ["name"] = "blue", ["resourceVersion"] = rv };
        if (label is not null)
        {
            metadata["labels"] = new JsonObject { ["team/owner"] = label };
        }

        return new JsonObject
        {
            ["apiVersion"] = "projectcalico.org/v3",
            ["kind"] = "Network",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["vni"] = vni, ["range"] = range },
        };
    }

    [Fact]
    public void Merge_DifferentFieldsChanged_KeepsBothAndTheServersVersion()
    {
        var result = ThreeWayMerge.Merge(Network("1", 56, "172.19.0.0/16"), Network("1", 56, "172.21.0.0/16"), Network("2", 56, "172.19.0.0/16", label: "ops"));

        Assert.True(result.Clean);
        Assert.Equal("172.21.0.0/16", result.Merged["spec"]!["range"]!.GetValue<string>());
        Assert.Equal("ops", result.Merged["metadata"]!["labels"]!["team/owner"]!.GetValue<string>());
        Assert.Equal("2", result.Merged["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(["spec/range"], result.YourChanges);
        Assert.Equal(["metadata/labels/team~1owner"], result.TheirChanges);
    }

    [Fact]
    public void Merge_SameFieldChangedDifferently_IsAConflictThatKeepsTheServersValue()
    {
        var result = ThreeWayMerge.Merge(Network("1", 56, "172.19.0.0/16"), Network("1", 57, "172.19.0.0/16"), Network("2", 58, "172.19.0.0/16"));

        Assert.Equal(["spec/vni"], result.Conflicts);
        Assert.Equal(58, result.Merged["spec"]!["vni"]!.GetValue<long>());
    }

    [Fact]
    public void Merge_BothMadeTheSameChange_IsNoConflict()
    {
        var result = ThreeWayMerge.Merge(Network("1", 56, "172.19.0.0/16"), Network("1", 57, "172.19.0.0/16"), Network("2", 57, "172.19.0.0/16"));

        Assert.True(result.Clean);
        Assert.Equal(57, result.Merged["spec"]!["vni"]!.GetValue<long>());
    }

    [Fact]
    public void Merge_YouRemovedAFieldTheServerLeftAlone_RemovesIt()
    {
        var yours = Network("1", 56, "172.19.0.0/16");
        ((JsonObject)yours["metadata"]!).Remove("labels");
        var result = ThreeWayMerge.Merge(Network("1", 56, "172.19.0.0/16", label: "ops"), yours, Network("2", 56, "172.19.0.0/16", label: "ops"));

        Assert.True(result.Clean);
        Assert.Null(result.Merged["metadata"]!["labels"]);
    }
}
