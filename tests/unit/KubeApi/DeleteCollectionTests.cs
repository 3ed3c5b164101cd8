using System.Text.Json.Nodes;

namespace Multinet.UnitTests.KubeApi;

public sealed class DeleteCollectionTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteCollection_LabelSelector_DeletesOnlyMatchingAndMarksFinalizedOnes()
    {
        await CreateAsync("dc-a", "batch=one", finalizer: false);
        await CreateAsync("dc-b", "batch=one", finalizer: true);
        await CreateAsync("dc-c", "batch=two", finalizer: false);

        var (code, deleted, _) = await server.Http.SendJsonAsync(HttpMethod.Delete, $"{Pods}?labelSelector=batch%3Done", null, Token);
        var (_, list, _) = await server.Http.SendJsonAsync(HttpMethod.Get, Pods, null, Token);

        Assert.Equal(200, code);
        Assert.Equal("PodList", deleted["kind"]?.GetValue<string>());
        Assert.Equal(2, deleted["items"]!.AsArray().Count);
        var left = list["items"]!.AsArray().Select(i => i!["metadata"]!).ToDictionary(m => m["name"]!.GetValue<string>());
        Assert.False(left.ContainsKey("dc-a"));
        Assert.NotNull(left["dc-b"]["deletionTimestamp"]);
        Assert.Null(left["dc-c"]["deletionTimestamp"]);
    }

    private const string Pods = "api/v1/namespaces/default/pods";

    private async Task CreateAsync(string name, string label, bool finalizer)
    {
        var (key, value) = (label.Split('=')[0], label.Split('=')[1]);
        var metadata = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [key] = value } };
        if (finalizer)
        {
            metadata["finalizers"] = new JsonArray("example.com/hold");
        }

        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = new JsonObject() };
        Assert.Equal(201, (await server.Http.SendJsonAsync(HttpMethod.Post, Pods, body.ToJsonString(), Token)).Code);
    }
}
