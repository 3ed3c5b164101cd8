using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Multinet.ConsoleScaleBench;

/// <summary>
/// The cluster objects matching the agents' inventories, created through the console's embedded Kubernetes API over
/// HTTP: a namespace, the Networks, a NAD per Network and one pod per pod interface, each pod naming its NAD and
/// carrying the network-status Multus would write (the address the node reports).
/// </summary>
internal static class ClusterLoad
{
    public static HttpClient CreateClient(Uri baseUrl, string dataDir)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(baseUrl, "/k8s/"), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(dataDir, "api-token")).Trim());
        return client;
    }

    public static async Task NetworksAsync(HttpClient api, ScaleShape shape, CancellationToken cancellationToken)
    {
        await PostAsync(api, "api/v1/namespaces", new { apiVersion = "v1", kind = "Namespace", metadata = new { name = ScaleShape.Namespace } }, cancellationToken);
        for (var n = 0; n < shape.Networks; n++)
        {
            var network = SyntheticAgent.Network(n);
            await PostAsync(api, "apis/projectcalico.org/v3/networks", new
            {
                apiVersion = "projectcalico.org/v3",
                kind = "Network",
                metadata = new { name = network },
                spec = new { vni = SyntheticAgent.Vni(n), range = $"10.{100 + n}.0.0/16" },
            }, cancellationToken);
            var config = JsonSerializer.Serialize(new
            {
                name = network,
                cniVersion = "0.3.0",
                plugins = new[] { new { type = "calico", ipam = new { type = "whereabouts", network }, dataplane_options = new { type = "grpc", network_name = network } } },
            });
            await PostAsync(api, $"apis/k8s.cni.cncf.io/v1/namespaces/{ScaleShape.Namespace}/network-attachment-definitions", new
            {
                apiVersion = "k8s.cni.cncf.io/v1",
                kind = "NetworkAttachmentDefinition",
                metadata = new { name = network, @namespace = ScaleShape.Namespace },
                spec = new { config },
            }, cancellationToken);
        }
    }

    /// <summary>Creates every pod with <paramref name="parallelism"/> requests in flight; returns how long it took.</summary>
    public static async Task<TimeSpan> PodsAsync(HttpClient api, ScaleShape shape, int parallelism, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, shape.Pods, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var (node, slot) = (i / shape.PodsPerNode, i % shape.PodsPerNode);
            var network = SyntheticAgent.Network(slot % shape.Networks);
            var iface = slot % 2 == 0 ? "memif1" : "net1";
            var status = JsonSerializer.Serialize(new[] { new { name = $"{ScaleShape.Namespace}/{network}", @interface = iface, ips = new[] { SyntheticAgent.PodAddress(node, slot, shape) } } });
            await PostAsync(api, $"api/v1/namespaces/{ScaleShape.Namespace}/pods", new
            {
                apiVersion = "v1",
                kind = "Pod",
                metadata = new
                {
                    name = SyntheticAgent.PodName(node, slot),
                    @namespace = ScaleShape.Namespace,
                    annotations = new Dictionary<string, string>
                    {
                        ["k8s.v1.cni.cncf.io/networks"] = $"{network}@{iface}",
                        ["k8s.v1.cni.cncf.io/network-status"] = status,
                    },
                },
                spec = new { nodeName = SyntheticAgent.NodeName(node), containers = new[] { new { name = "app", image = "busybox" } } },
            }, token);
        });
        return stopwatch.Elapsed;
    }

    private static async Task PostAsync(HttpClient api, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
