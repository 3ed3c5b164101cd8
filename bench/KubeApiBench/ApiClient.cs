using System.Net.Http.Headers;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.KubeApiBench;

/// <summary>Clients of the embedded API over the console's plain-HTTP port (<c>http://127.0.0.1:port/k8s/</c>), with its token.</summary>
internal static class ApiClient
{
    public static HttpClient Create(WebProcess console)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = new Uri(console.BaseUrl, "/k8s/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(console.DataDir, "api-token")).Trim());
        return client;
    }
}
