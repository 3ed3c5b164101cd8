using System.Text.Json.Nodes;

namespace Multinet.UnitTests.KubeApi;

/// <summary>KubeVirt's kinds on the embedded API: served with their CRDs, admitted as KubeVirt's webhook does, or absent by option.</summary>
public sealed class KubeVirtKindsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonObject Vmi(string name, string secondBinding) => JsonNode.Parse($$$"""
        {"apiVersion":"kubevirt.io/v1","kind":"VirtualMachineInstance","metadata":{"name":"{{{name}}}"},
         "spec":{"domain":{"devices":{"interfaces":[{"name":"default","masquerade":{}},{"name":"blue","{{{secondBinding}}}":{}}]},"memory":{"guest":"128Mi"}},
                 "networks":[{"name":"default","pod":{}},{"name":"blue","multus":{"networkName":"network-blue-conf"}}]}}
        """)!.AsObject();

    [Fact]
    public async Task Vmi_IsServedWithItsCrd_KeepsTheDomainsUntypedFields_AndRefusesMasqueradeOnAMultusNetwork()
    {
        await using var server = new KubeApiServer();
        await server.InitializeAsync();

        var (created, body, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances", Vmi("ok", "bridge").ToJsonString(), Token);
        var (refused, status, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances", Vmi("bad", "masquerade").ToJsonString(), Token);
        var (crdCode, crd, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/apiextensions.k8s.io/v1/customresourcedefinitions/virtualmachineinstances.kubevirt.io", null, Token);

        Assert.Equal(201, created);
        Assert.Equal("128Mi", body["spec"]?["domain"]?["memory"]?["guest"]?.GetValue<string>());
        Assert.Equal(422, refused);
        Assert.Equal("spec.domain.devices.interfaces[1].masquerade", status["details"]?["causes"]?[0]?["field"]?.GetValue<string>());
        Assert.Equal(200, crdCode);
        Assert.Equal("vmi", crd["spec"]?["names"]?["shortNames"]?[0]?.GetValue<string>());
    }

    [Fact]
    public async Task Vm_WithBothRunningAndRunStrategy_IsRefused()
    {
        await using var server = new KubeApiServer();
        await server.InitializeAsync();
        var vm = JsonNode.Parse("""
            {"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"vm"},
             "spec":{"running":true,"runStrategy":"Always","template":{"spec":{"domain":{"devices":{}}}}}}
            """)!.AsObject();

        var (code, status, _) = await server.Http.SendJsonAsync(HttpMethod.Post, "apis/kubevirt.io/v1/namespaces/default/virtualmachines", vm.ToJsonString(), Token);

        Assert.Equal(422, code);
        Assert.Equal("spec.running", status["details"]?["causes"]?[0]?["field"]?.GetValue<string>());
    }

    [Fact]
    public async Task WithoutKubeVirt_ItsKindsAndCrdsAre404_AsOnAClusterWithoutIt()
    {
        await using var server = new NoKubeVirtServer();
        await server.InitializeAsync();

        var (listCode, _, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/kubevirt.io/v1/virtualmachineinstances", null, Token);
        var (groupCode, _, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/kubevirt.io/v1", null, Token);
        var (crdCode, _, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/apiextensions.k8s.io/v1/customresourcedefinitions/virtualmachineinstances.kubevirt.io", null, Token);
        var (networksCode, _, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/projectcalico.org/v3/networks", null, Token);

        Assert.Equal((404, 404, 404, 200), (listCode, groupCode, crdCode, networksCode));
    }

    private sealed class NoKubeVirtServer() : KubeApiServer(new Dictionary<string, string?> { ["Multinet:KubeApi:ServeKubeVirt"] = "false" });
}
