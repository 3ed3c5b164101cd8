using System.Diagnostics;
using System.Text;

namespace Multinet.KubeApiBench;

/// <summary>Creates Networks bench-0000… with distinct VNIs and ranges, a fixed number of requests in flight.</summary>
internal static class NetworkLoad
{
    public const string Collection = "apis/projectcalico.org/v3/networks";

    /// <summary>How many Networks the server holds.</summary>
    public static async Task<int> CountAsync(HttpClient api, CancellationToken cancellationToken)
    {
        using var list = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync(Collection, cancellationToken));
        return list.RootElement.GetProperty("items").GetArrayLength();
    }

    public static async Task<TimeSpan> CreateAsync(HttpClient api, int count, int parallelism, CancellationToken cancellationToken, bool skipExisting = false)
    {
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var body = "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Network\",\"metadata\":{\"name\":\"" + $"bench-{i:D4}"
                + "\"},\"spec\":{\"vni\":" + $"{10000 + i},\"range\":\"10.{i / 256}.{i % 256}.0/24\"" + "}}";
            using var response = await api.PostAsync(Collection, new StringContent(body, Encoding.UTF8, "application/json"), token);
            if (!(skipExisting && response.StatusCode == System.Net.HttpStatusCode.Conflict))
            {
                response.EnsureSuccessStatusCode();
            }
        });
        return stopwatch.Elapsed;
    }
}
