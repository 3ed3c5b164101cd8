namespace Multinet.UnitTests.KubeApi;

public sealed class WatchHeadersTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    [Fact]
    public async Task Watch_NoEvents_SendsTheResponseHeadersAtOnce()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60)); // without headers sent at once, the watch would wait for an event that never comes
        var (_, list, _) = await server.Http.SendJsonAsync(HttpMethod.Get, "apis/projectcalico.org/v3/networks", null, timeout.Token);
        var from = list["metadata"]!["resourceVersion"]!.GetValue<string>();

        using var response = await server.Http.GetAsync($"apis/projectcalico.org/v3/networks?watch=true&resourceVersion={from}",
            HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
