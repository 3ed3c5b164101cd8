using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s.Models;
using k8s;
using Multinet.Kube.Yaml;
using Multinet.Shared.Crds;

namespace Multinet.Embedded;

/// <summary>
/// The demo workload of the embedded mode, created once: the examples folder's Networks blue and red, their NADs,
/// the network-aware my-service and the policy, plus pods to look at: samplepod (blue on eth1, red on eth2),
/// memif-pod (blue on memif1) and myapp-1/myapp-2 (app=MyApp on blue, the service's endpoints). An annotation on the
/// default namespace records that it was done, so deleting the demo objects is final.
/// </summary>
internal static class DemoSeeder
{
    public const string SeededAnnotation = "multinet.projectcalico.org/demo-seeded";
    private const string Namespace = "default";

    /// <summary>Seeds unless done before; true when it seeded now.</summary>
    public static async Task<bool> SeedAsync(IKubernetes client, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var ns = await client.CoreV1.ReadNamespaceAsync(Namespace, cancellationToken: cancellationToken);
        if (ns.Metadata.Annotations?.ContainsKey(SeededAnnotation) == true)
        {
            return false;
        }

        foreach (var network in Documents("network.yaml"))
        {
            await IgnoreConflict(client.CustomObjects.CreateClusterCustomObjectAsync(network, CrdConstants.NetworkGroup,
                CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: cancellationToken));
        }

        foreach (var nad in Documents("netdefinitions.yaml"))
        {
            await IgnoreConflict(client.CustomObjects.CreateNamespacedCustomObjectAsync(nad, CniConstants.NadGroup, CniConstants.NadVersion,
                Namespace, CniConstants.NadPlural, cancellationToken: cancellationToken));
        }

        foreach (var policy in Documents("policy.yaml"))
        {
            await IgnoreConflict(client.CustomObjects.CreateNamespacedCustomObjectAsync(policy, CniConstants.PolicyGroup, CniConstants.PolicyVersion, Namespace,
                CniConstants.PolicyPlural, cancellationToken: cancellationToken));
        }

        foreach (var service in Documents("service.yaml"))
        {
            await IgnoreConflict(client.CoreV1.CreateNamespacedServiceAsync(KubernetesJson.Deserialize<V1Service>(service.ToJsonString()), Namespace,
                cancellationToken: cancellationToken));
        }

        var pods = new[]
        {
            Pod("samplepod", "network-blue-conf@eth1, network-red-conf@eth2", new() { ["demo"] = "demo" }),
            Pod("memif-pod", "network-blue-conf@memif1", new() { ["demo"] = "demo" }),
            Pod("myapp-1", "network-blue-conf@eth1", new() { ["app"] = "MyApp", ["demo"] = "demo" }),
            Pod("myapp-2", "network-blue-conf@eth1", new() { ["app"] = "MyApp", ["demo"] = "demo" }),
        };
        foreach (var pod in pods)
        {
            await IgnoreConflict(client.CoreV1.CreateNamespacedPodAsync(pod, Namespace, cancellationToken: cancellationToken));
        }

        var patch = new { metadata = new { annotations = new Dictionary<string, string> { [SeededAnnotation] = timeProvider.GetUtcNow().ToString("O") } } };
        await client.CoreV1.PatchNamespaceAsync(new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch), Namespace,
            cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>The YAML documents of an embedded example file.</summary>
    private static IEnumerable<JsonObject> Documents(string file)
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream($"examples/{file}")
            ?? throw new InvalidOperationException($"examples/{file} is not embedded in the embedded cluster.");
        using var reader = new StreamReader(stream);
        return YamlText.ParseDocuments(reader.ReadToEnd());
    }

    private static V1Pod Pod(string name, string networks, Dictionary<string, string> labels) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = labels,
            Annotations = new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = networks },
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = "busybox:1.36",
                    Command = ["sleep", "infinity"],
                    Ports = [new V1ContainerPort { ContainerPort = 9376, Protocol = "TCP" }],
                },
            ],
        },
    };

    private static async Task IgnoreConflict<T>(Task<T> create)
    {
        try
        {
            await create;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            // Already there (a first start that stopped half-way), or clashing with the user's own objects (a VNI in use):
            // the user's objects win.
        }
    }
}
