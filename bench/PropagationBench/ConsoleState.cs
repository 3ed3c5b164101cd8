using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Multinet.PropagationBench;

/// <summary>The console's live state as its REST API shows it (GET /api/v1/nodes), polled as fast as it answers.</summary>
internal sealed class ConsoleState(HttpClient http)
{
    public async Task<int> ConnectedNodesAsync(CancellationToken cancellationToken)
    {
        using var nodes = await http.GetFromJsonAsync<JsonDocument>("api/v1/nodes", cancellationToken);
        return nodes!.RootElement.EnumerateArray().Count(n => n.GetProperty("connected").GetBoolean());
    }

    /// <summary>The timestamp at which every node first reported the network's VRF Applied.</summary>
    public async Task<long> WaitAppliedAsync(string network, int nodes, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var list = await http.GetFromJsonAsync<JsonDocument>("api/v1/nodes", cancellationToken);
            var applied = list!.RootElement.EnumerateArray().Count(n => n.TryGetProperty("vrfs", out var vrfs)
                && vrfs.EnumerateArray().Any(v => v.GetProperty("network").GetString() == network && v.GetProperty("state").GetString() == "Applied"));
            if (applied >= nodes)
            {
                return Stopwatch.GetTimestamp();
            }
        }
    }
}
