using System.Text.Json.Nodes;

namespace Multinet.UnitTests.KubeApi;

public sealed class CoreKindsTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatePod_MissingNamespace_Returns404NamespaceNotFoundAndStoresNothing()
    {
        var (code, status, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/nowhere/pods", Pod("p1", "node-a"), Token);
        var (listCode, list, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "api/v1/pods", null, Token);

        Assert.Equal(404, code);
        Assert.Equal("NotFound", status["reason"]?.GetValue<string>());
        Assert.Equal("namespaces \"nowhere\" not found", status["message"]?.GetValue<string>());
        Assert.Equal(200, listCode);
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i?["metadata"]?["name"]?.GetValue<string>() == "p1");
    }

    [Fact]
    public async Task ListPods_FieldSelectorNodeName_ReturnsOnlyThatNodesPods()
    {
        var a = KubeApiServer.UniqueName("pod-a");
        var b = KubeApiServer.UniqueName("pod-b");
        Assert.Equal(201, (await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/pods", Pod(a, "node-sel-a"), Token)).Code);
        Assert.Equal(201, (await server.Http.SendJsonAsync(HttpMethod.Post, "api/v1/namespaces/default/pods", Pod(b, "node-sel-b"), Token)).Code);

        var (code, list, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "api/v1/pods?fieldSelector=spec.nodeName%3Dnode-sel-a", null, Token);

        Assert.Equal(200, code);
        Assert.Equal("PodList", list["kind"]?.GetValue<string>());
        Assert.Equal([a], list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateNad_ConfigNotJson_Returns422WithTheParsePositionOnSpecConfig()
    {
        var (code, status, _) = await server.Http.SendJsonAsync(HttpMethod.Post, Nads, Nad("bad-conf", "{ \"name\": \"x\",\n  \"plugins\": [ } "), Token);

        Assert.Equal(422, code);
        Assert.Equal("Invalid", status["reason"]?.GetValue<string>());
        Assert.Equal("spec.config", status.Cause(0, "field"));
        Assert.Contains("line 2", status.Cause(0, "message"));
        Assert.Equal(404, (await server.Http.SendJsonAsync(HttpMethod.Get, Nads + "/bad-conf", null, Token)).Code);
    }

    [Fact]
    public async Task CreateNad_CalicoNetworkMissing_IsStoredWithAWarning()
    {
        var config = """{"name":"n","cniVersion":"0.3.0","plugins":[{"type":"calico","dataplane_options":{"network_name":"nosuchnet"}}]}""";

        var (code, created, response) = await server.Http.SendJsonAsync(HttpMethod.Post, Nads, Nad("orphan-conf", config), Token);

        Assert.Equal(201, code);
        Assert.Equal("NetworkAttachmentDefinition", created["kind"]?.GetValue<string>());
        Assert.Contains(response.Headers.GetValues("Warning"), w => w.Contains("nosuchnet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListCrds_ShowsEachCustomKindAndRefusesWrites()
    {
        var (code, list, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/apiextensions.k8s.io/v1/customresourcedefinitions", null, Token);
        var (writeCode, _, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "apis/apiextensions.k8s.io/v1/customresourcedefinitions", "{}", Token);

        Assert.Equal(200, code);
        Assert.Equal(
            ["ippools.whereabouts.cni.cncf.io", "network-attachment-definitions.k8s.cni.cncf.io", "networkpolicies.crd.projectcalico.org", "networks.projectcalico.org",
             "virtualmachineinstances.kubevirt.io", "virtualmachines.kubevirt.io"],
            list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(405, writeCode);
    }

    [Fact]
    public async Task Discovery_NadGroup_ListsTheShortName()
    {
        var (code, doc, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/k8s.cni.cncf.io/v1", null, Token);

        Assert.Equal(200, code);
        var nad = doc["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "network-attachment-definitions")!;
        Assert.Equal("net-attach-def", nad["shortNames"]![0]!.GetValue<string>());
        Assert.True(nad["namespaced"]!.GetValue<bool>());
    }

    private const string Nads = "apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions";

    private static string Pod(string name, string node) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = node,
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "busybox" }),
        },
    }.ToJsonString();

    private static string Nad(string name, string config) => new JsonObject
    {
        ["apiVersion"] = "k8s.cni.cncf.io/v1",
        ["kind"] = "NetworkAttachmentDefinition",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["config"] = config },
    }.ToJsonString();
}
