using System.Diagnostics;

namespace Multinet.KubeApiBench;

/// <summary>
/// The server's part of a list: one GET of the Networks collection timed from sending it to reading the last byte (as
/// curl's time_total), as JSON or as the Table kubectl asks for. No decoding: what is left of kubectl's time is its own.
/// </summary>
internal static class ListTiming
{
    public const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    public static async Task<(TimeSpan Took, long Bytes)> GetAsync(HttpClient api, bool table, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, NetworkLoad.Collection);
        request.Headers.Accept.ParseAdd(table ? TableAccept : "application/json");
        var stopwatch = Stopwatch.StartNew();
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
        }

        return (stopwatch.Elapsed, bytes);
    }

    /// <summary>The median of <paramref name="runs"/> timings after one warm-up.</summary>
    public static async Task<double> MedianMsAsync(Func<Task<TimeSpan>> measure, int runs)
    {
        await measure();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            times.Add((await measure()).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
