using System.Globalization;

namespace Multinet.KubeApiBench;

/// <summary>
/// One server's list figures, each the median of several runs after a warm-up: the raw GET (JSON and Table) to its last
/// byte, and <c>kubectl get networks</c> (table and -o json) end to end; the difference is kubectl's own time.
/// </summary>
internal static class ListFigures
{
    public static async Task<Dictionary<string, double>> MeasureAsync(string server, HttpClient api, string kubectl, string kubeconfig, int networks,
        int runs, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        long tableBytes = 0, jsonBytes = 0;
        figures["GET as Table, to last byte"] = await ListTiming.MedianMsAsync(async () =>
        {
            var (took, bytes) = await ListTiming.GetAsync(api, table: true, cancellationToken);
            tableBytes = bytes;
            return took;
        }, runs);
        figures["GET as JSON, to last byte"] = await ListTiming.MedianMsAsync(async () =>
        {
            var (took, bytes) = await ListTiming.GetAsync(api, table: false, cancellationToken);
            jsonBytes = bytes;
            return took;
        }, runs);
        figures["kubectl get networks"] = await ListTiming.MedianMsAsync(
            () => KubectlTiming.GetNetworksAsync(kubectl, kubeconfig, "table", networks, cancellationToken), runs);
        figures["kubectl get networks -o json"] = await ListTiming.MedianMsAsync(
            () => KubectlTiming.GetNetworksAsync(kubectl, kubeconfig, "json", networks, cancellationToken), runs);
        Console.WriteLine($"{server}, {networks} Networks, median of {runs}:");
        Console.WriteLine($"  GET as Table ({tableBytes / 1024} KiB) to last byte: {F(figures["GET as Table, to last byte"])} ms; "
            + $"kubectl get networks: {F(figures["kubectl get networks"])} ms (kubectl's own part: {F(figures["kubectl get networks"] - figures["GET as Table, to last byte"])} ms)");
        Console.WriteLine($"  GET as JSON ({jsonBytes / 1024} KiB) to last byte: {F(figures["GET as JSON, to last byte"])} ms; "
            + $"kubectl get networks -o json: {F(figures["kubectl get networks -o json"])} ms (kubectl's own part: {F(figures["kubectl get networks -o json"] - figures["GET as JSON, to last byte"])} ms)");
        return figures;
    }

    private static string F(double ms) => ms.ToString("F0", CultureInfo.InvariantCulture);
}
