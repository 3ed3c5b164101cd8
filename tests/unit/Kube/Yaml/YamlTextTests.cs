using System.Text.Json.Nodes;
using Multinet.Kube.Yaml;

namespace Multinet.UnitTests.Kube.Yaml;

public sealed class YamlTextTests
{
    [Fact]
    public void ParseDocuments_SeveralDocuments_ReadsEachWithCoreSchemaScalars()
    {
        var documents = YamlText.ParseDocuments("""
            apiVersion: projectcalico.org/v3
            kind: Network
            metadata: {name: blue}
            spec:
              vni: 56
              range: "172.19.0.0/16"
              physicalNetworkName: ""
            ---
            ---
            kind: Service
            metadata:
              annotations:
                port: "80"
            """);

        Assert.Equal(2, documents.Count);
        Assert.Equal(56, documents[0]["spec"]!["vni"]!.GetValue<long>());
        Assert.Equal("", documents[0]["spec"]!["physicalNetworkName"]!.GetValue<string>());
        Assert.Equal("80", documents[1]["metadata"]!["annotations"]!["port"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("spec:\n  vni: 56\n   range: x\n", 3)]
    [InlineData("a: 1\na: 2\n", 2)]
    [InlineData("- 1\n- 2\n", 1)]
    public void ParseDocuments_BadYaml_NamesTheLine(string text, int line)
    {
        var error = Assert.Throws<YamlTextException>(() => YamlText.ParseDocuments(text));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"line {line}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDocuments_NumberBeyondADouble_StaysText_AndTheDocumentCanBeWrittenAsJson()
    {
        var document = Assert.Single(YamlText.ParseDocuments("spec:\n  vni: 1e400\n  range: 1.5\n"));

        Assert.Equal("1e400", (string?)document["spec"]!["vni"]);
        Assert.Equal(1.5, (double?)document["spec"]!["range"]);
        Assert.Contains("\"1e400\"", document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToYaml_RoundTrips_StringsThatLookLikeNumbersStayStrings()
    {
        var obj = new JsonObject
        {
            ["spec"] = new JsonObject { ["vni"] = 56, ["range"] = "172.19.0.0/16", ["name"] = "56", ["flag"] = "true", ["empty"] = "" },
            ["list"] = new JsonArray(1, "two"),
        };

        var back = Assert.Single(YamlText.ParseDocuments(YamlText.ToYaml(obj)));

        Assert.True(JsonNode.DeepEquals(obj, back), back.ToJsonString());
    }
}
