using System.Text.Json.Nodes;

namespace Multinet.UnitTests.KubeApi;

public sealed class ServiceClusterIpTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Service(string name, string? clusterIp = null)
    {
        var spec = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) };
        if (clusterIp is not null)
        {
            spec["clusterIP"] = clusterIp;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec }.ToJsonString();
    }

    [Fact]
    public async Task CreateServices_EachGetsItsOwnClusterIpFromTheServiceRange()
    {
        var (codeA, a, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/services", Service(KubeApiServer.UniqueName("svc")), Token);
        var (codeB, b, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/services", Service(KubeApiServer.UniqueName("svc")), Token);

        Assert.Equal((201, 201), (codeA, codeB));
        var ipA = a["spec"]!["clusterIP"]!.GetValue<string>();
        var ipB = b["spec"]!["clusterIP"]!.GetValue<string>();
        Assert.StartsWith("10.96.", ipA, StringComparison.Ordinal);
        Assert.NotEqual(ipA, ipB);
        Assert.Equal([ipA], a["spec"]!["clusterIPs"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal("ClusterIP", a["spec"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateService_RequestingATakenOrForeignAddress_Is422OnSpecClusterIpAndStoresNothing()
    {
        var (_, first, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/services", Service(KubeApiServer.UniqueName("svc")), Token);
        var taken = first["spec"]!["clusterIP"]!.GetValue<string>();
        var name = KubeApiServer.UniqueName("svc");

        var (takenCode, takenStatus, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/services", Service(name, taken), Token);
        var (foreignCode, foreignStatus, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/services", Service(name, "192.168.1.1"), Token);
        var (getCode, _, _) = await server.Http.SendJsonAsync(HttpMethod.Get, $"api/v1/namespaces/default/services/{name}", null, Token);

        Assert.Equal((422, 422, 404), (takenCode, foreignCode, getCode));
        Assert.Contains("already allocated", takenStatus["details"]!["causes"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("spec.clusterIP", foreignStatus["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateService_Headless_KeepsNone()
    {
        var (code, service, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/services", Service(KubeApiServer.UniqueName("svc"), "None"), Token);

        Assert.Equal(201, code);
        Assert.Equal("None", service["spec"]!["clusterIP"]!.GetValue<string>());
    }
}
