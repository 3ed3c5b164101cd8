using System.Text.Json.Nodes;

namespace Multinet.UnitTests.KubeApi;

public sealed class PatchTypesTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StrategicPatch_Network_Returns415()
    {
        var name = await CreateNetworkAsync();

        var (code, status, _) = await server.Http.SendJsonAsync(HttpMethod.Patch, $"apis/projectcalico.org/v3/networks/{name}",
            """{"spec":{"range":"10.1.0.0/16"}}""", Token, "application/strategic-merge-patch+json");

        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", status["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task JsonPatch_FailedTest_Returns422AndWritesNothing()
    {
        var name = await CreateNetworkAsync();
        var before = (await server.Http.SendJsonAsync(HttpMethod.Get, $"apis/projectcalico.org/v3/networks/{name}", null, Token)).Body;

        var (code, _, _) = await server.Http.SendJsonAsync(HttpMethod.Patch, $"apis/projectcalico.org/v3/networks/{name}",
            """[{"op":"replace","path":"/spec/range","value":"10.2.0.0/16"},{"op":"test","path":"/spec/vni","value":1}]""", Token, "application/json-patch+json");
        var after = (await server.Http.SendJsonAsync(HttpMethod.Get, $"apis/projectcalico.org/v3/networks/{name}", null, Token)).Body;

        Assert.Equal(422, code);
        Assert.True(JsonNode.DeepEquals(before, after));
    }

    [Fact]
    public async Task StrategicPatch_Service_MergesPortsByPort()
    {
        var service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-smp"},"spec":{"ports":[{"port":80,"targetPort":9376},{"port":443}]}}""";
        Assert.Equal(201, (await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/services", service, Token)).Code);

        var (code, patched, _) = await server.Http.SendJsonAsync(HttpMethod.Patch, "api/v1/namespaces/default/services/svc-smp",
            """{"spec":{"ports":[{"port":80,"targetPort":8080}]}}""", Token, "application/strategic-merge-patch+json");

        Assert.Equal(200, code);
        Assert.Equal("""[{"port":80,"targetPort":8080},{"port":443}]""", patched["spec"]!["ports"]!.ToJsonString());
    }

    private async Task<string> CreateNetworkAsync()
    {
        var name = KubeApiServer.UniqueName("patch");
        var (code, _, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "apis/projectcalico.org/v3/networks",
            NetworkJson.NetworkBody(name, KubeApiServer.NextVni().ToString(System.Globalization.CultureInfo.InvariantCulture), "10.66.0.0/16"), Token);
        Assert.Equal(201, code);
        return name;
    }
}
