using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyQueryTests
{
    [Fact]
    public void Parse_ThenToParameters_RoundTripsEveryField()
    {
        var query = TopologyQuery.Parse("red, blue", "blue", "1", "node-1", "team-a", "web", "pod:team-a/web-1", "circle");

        Assert.Equal(["blue", "red"], query.Hidden);
        Assert.Equal(["blue"], query.Expanded);
        Assert.True(query.ShowDefaultNetwork);
        Assert.Equal(("node-1", "team-a", "web", "pod:team-a/web-1", "circle"), (query.Node, query.Namespace, query.Pod, query.Selected, query.Layout));
        var p = query.ToParameters();
        Assert.Equal(query, TopologyQuery.Parse((string?)p["hide"], (string?)p["open"], (string?)p["default"], (string?)p["node"],
            (string?)p["ns"], (string?)p["pod"], (string?)p["sel"], (string?)p["layout"]));
    }

    [Fact]
    public void ToParameters_Defaults_DropOutOfTheUrl()
    {
        Assert.All(TopologyQuery.Default.ToParameters().Values, Assert.Null);
    }

    [Fact]
    public void Parse_UnknownLayoutAndBlanks_FallBackToDefaults()
    {
        var query = TopologyQuery.Parse(" , ", "", "no", "  ", null, "", null, "spiral");

        Assert.Equal(TopologyQuery.Default, query);
    }

    [Fact]
    public void Toggle_Twice_ShowsTheLayerAgain()
    {
        var hidden = TopologyQuery.Default.Toggle("blue");

        Assert.False(hidden.Shows("blue"));
        Assert.True(hidden.Shows("red"));
        Assert.True(hidden.Toggle("blue").Shows("blue"));
    }
}
