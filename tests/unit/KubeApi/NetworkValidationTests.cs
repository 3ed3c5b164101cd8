using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.UnitTests.KubeApi;

public sealed class NetworkValidationTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0, FieldReasons.Invalid)]
    [InlineData(4096, FieldReasons.Invalid)] // the CRD's CEL rule, reported as a real server reports it
    [InlineData(16_777_216, FieldReasons.Invalid)]
    public async Task Create_BadVni_Returns422WithOneSpecVniCause(long vni, string reason)
    {
        var name = KubeApiServer.UniqueName("vni");

        var status = await CreateRejectedAsync(V3Network.Create(name, vni, "10.110.0.0/16"));

        Assert.Equal([(NetworkValidator.VniField, reason)], Causes(status));
        Assert.Equal("Invalid", status["reason"]?.GetValue<string>());
        Assert.Equal(CrdConstants.NetworkKind, status["details"]?["kind"]?.GetValue<string>());
        Assert.Equal(name, status["details"]?["name"]?.GetValue<string>());
        await AssertNotStoredAsync(name);
    }

    [Fact]
    public async Task Create_DuplicateVni_Returns422NamingTheHolder()
    {
        var vni = KubeApiServer.NextVni();
        var holder = KubeApiServer.UniqueName("holder");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(holder, vni, "10.111.0.0/16"), Token);
        var name = KubeApiServer.UniqueName("second");

        var status = await CreateRejectedAsync(V3Network.Create(name, vni, "10.112.0.0/16"));

        Assert.Equal([(NetworkValidator.VniField, FieldReasons.Duplicate)], Causes(status));
        Assert.Contains(holder, status["details"]!["causes"]![0]!["message"]!.GetValue<string>());
        await AssertNotStoredAsync(name);
    }

    [Fact]
    public async Task Create_BadRange_Returns422WithOneSpecRangeCause()
    {
        var name = KubeApiServer.UniqueName("range");

        var status = await CreateRejectedAsync(V3Network.Create(name, KubeApiServer.NextVni(), "10.113.0.1/16"));

        Assert.Equal([(NetworkValidator.RangeField, FieldReasons.Invalid)], Causes(status));
        await AssertNotStoredAsync(name);
    }

    [Fact]
    public async Task Create_BadName_Returns422WithOneMetadataNameCause()
    {
        var status = await CreateRejectedAsync(V3Network.Create("Not_A_Label", KubeApiServer.NextVni(), "10.114.0.0/16"));

        Assert.Equal([(NetworkValidator.NameField, FieldReasons.Invalid)], Causes(status));
    }

    [Fact]
    public async Task Create_SeveralBadFields_ReturnsOneCausePerField()
    {
        var status = await CreateRejectedAsync(V3Network.Create("Bad_Name", 0, "not-a-cidr"));

        Assert.Equal(
            [(NetworkValidator.NameField, FieldReasons.Invalid), (NetworkValidator.VniField, FieldReasons.Invalid), (NetworkValidator.RangeField, FieldReasons.Invalid)],
            Causes(status));
    }

    [Fact]
    public async Task Update_ToDuplicateVni_Returns422AndKeepsTheStoredObject()
    {
        var taken = KubeApiServer.NextVni();
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(KubeApiServer.UniqueName("a"), taken, "10.115.0.0/16"), Token);
        var name = KubeApiServer.UniqueName("b");
        var own = KubeApiServer.NextVni();
        var network = await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, own, "10.116.0.0/16"), Token);
        network.Spec.Vni = taken;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => server.Client.CustomObjects.ReplaceClusterCustomObjectAsync(network,
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));

        Assert.Equal((HttpStatusCode)422, error.Response.StatusCode);
        Assert.Equal(own, (await NetworkJson.GetAsync(server.Client, name, Token)).Spec.Vni);
    }

    [Fact]
    public async Task Create_VniNotANumber_Returns422WithSpecVniCause()
    {
        var name = KubeApiServer.UniqueName("type");

        using var response = await server.Http.PostAsync("apis/projectcalico.org/v3/networks",
            NetworkJson.Body(NetworkJson.NetworkBody(name, "\"fifty-six\"", "10.117.0.0/16")), Token);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!.AsObject();

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal([(NetworkValidator.VniField, "FieldValueTypeInvalid")], Causes(status));
        await AssertNotStoredAsync(name);
    }

    [Fact]
    public async Task Create_MalformedJson_Returns400Status()
    {
        using var response = await server.Http.PostAsync("apis/projectcalico.org/v3/networks", NetworkJson.Body("""{"apiVersion": """), Token);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Status", status["kind"]?.GetValue<string>());
        Assert.Equal("BadRequest", status["reason"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(status["message"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Create_OverlappingRange_SucceedsWithWarningHeader()
    {
        var first = KubeApiServer.UniqueName("wide");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(first, KubeApiServer.NextVni(), "10.118.0.0/16"), Token);

        using var response = await server.Http.PostAsync("apis/projectcalico.org/v3/networks",
            NetworkJson.Body(NetworkJson.NetworkBody(KubeApiServer.UniqueName("narrow"), KubeApiServer.NextVni().ToString(), "10.118.4.0/24")), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warning = Assert.Single(response.Headers.GetValues("Warning"));
        Assert.StartsWith("299 - \"spec.range: ", warning);
        Assert.Contains(first, warning);
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401Status()
    {
        using var response = await server.Anonymous.GetAsync("apis/projectcalico.org/v3/networks", Token);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", status["reason"]?.GetValue<string>());
        Assert.Equal(401, status["code"]?.GetValue<int>());
    }

    private async Task<JsonObject> CreateRejectedAsync(V3Network network)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => NetworkJson.CreateAsync(server.Client, network, Token));
        Assert.Equal((HttpStatusCode)422, error.Response.StatusCode);
        return JsonNode.Parse(error.Response.Content)!.AsObject();
    }

    private async Task AssertNotStoredAsync(string name)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => NetworkJson.GetAsync(server.Client, name, Token));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    private static (string Field, string Reason)[] Causes(JsonObject status) =>
        status["details"]!["causes"]!.AsArray()
            .Select(c => (c!["field"]!.GetValue<string>(), c["reason"]!.GetValue<string>()))
            .ToArray();
}
