using k8s;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

public sealed class ListPagingTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_WithLimit_PagesInNameOrderWithContinueAndRemainingCount()
    {
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var network = V3Network.Create($"page-{i}", KubeApiServer.NextVni(), $"10.{120 + i}.0.0/16");
            network.Metadata.Labels = new Dictionary<string, string> { ["paging"] = "yes" };
            names.Add((await NetworkJson.CreateAsync(server.Client, network, Token)).Metadata.Name);
        }

        var seen = new List<string>();
        var remainingCounts = new List<long?>();
        string? next = null;
        var pages = 0;
        do
        {
            var list = await server.Client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup,
                CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, labelSelector: "paging=yes", limit: 2, continueParameter: next, cancellationToken: Token);
            seen.AddRange(list.Items.Select(n => n.Metadata.Name));
            remainingCounts.Add(list.Metadata.RemainingItemCount);
            next = list.Metadata.ContinueProperty;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(names, seen);
        Assert.Equal([3, 1, null], remainingCounts);
    }

    [Fact]
    public async Task List_ContinueTokenNotFromThisServer_Is400()
    {
        var (code, body, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/projectcalico.org/v3/networks?limit=1&continue=bogus!", null, Token);

        Assert.Equal(400, code);
        Assert.Contains("continue: invalid value", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
