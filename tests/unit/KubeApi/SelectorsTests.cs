using System.Text.Json.Nodes;
using Multinet.KubeApi.Http;

namespace Multinet.UnitTests.KubeApi;

public sealed class SelectorsTests
{
    private static readonly JsonObject s_blue = JsonNode.Parse("""{"metadata":{"name":"blue","labels":{"tier":"gold","team":"net"}}}""")!.AsObject();

    [Theory]
    [InlineData("tier=gold", null, true)]
    [InlineData("tier==gold", null, true)]
    [InlineData("tier=silver", null, false)]
    [InlineData("tier!=silver", null, true)]
    [InlineData("tier", null, true)]
    [InlineData("!tier", null, false)]
    [InlineData("tier in (silver,gold)", null, true)]
    [InlineData("tier notin (silver,gold)", null, false)]
    [InlineData("tier=gold,team=net", null, true)]
    [InlineData("tier=gold,team=app", null, false)]
    [InlineData(null, "metadata.name=blue", true)]
    [InlineData(null, "metadata.name==red", false)]
    [InlineData(null, "metadata.name!=red", true)]
    [InlineData("tier=gold", "metadata.name=red", false)]
    [InlineData(null, null, true)]
    public void Parse_Selector_MatchesLikeKubeApiserver(string? labels, string? fields, bool expected)
    {
        Assert.Equal(expected, Selectors.Parse(labels, fields)(s_blue));
    }

    [Fact]
    public void Parse_UnsupportedField_Is400()
    {
        var error = Assert.Throws<KubeApiException>(() => Selectors.Parse(null, "spec.vni=56"));

        Assert.Equal(400, error.Code);
    }
}
