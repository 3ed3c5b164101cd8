using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Multinet.Embedded;

/// <summary>One level-based pass: Deployments to ReplicaSets, ReplicaSets to pods, statuses, and owners' garbage.</summary>
internal sealed partial class SimulatedWorkloads
{
    private const string TemplateHashLabel = "pod-template-hash";

    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        foreach (var deployment in _deployments.Values.Where(d => d.Metadata.DeletionTimestamp is null).ToList())
        {
            await SyncDeploymentAsync(deployment, cancellationToken);
        }

        foreach (var replicaSet in _replicaSets.Values.Where(r => r.Metadata.DeletionTimestamp is null).ToList())
        {
            if (Controller(replicaSet.Metadata, "Deployment") is { } owner && !_deployments.Values.Any(d => d.Metadata.Uid == owner.Uid))
            {
                await DeleteAsync(() => client.AppsV1.DeleteNamespacedReplicaSetAsync(replicaSet.Metadata.Name, replicaSet.Metadata.NamespaceProperty,
                    cancellationToken: cancellationToken), replicaSet.Metadata.Uid);
                _replicaSets.Remove(Key(replicaSet));
                continue;
            }

            await SyncReplicaSetAsync(replicaSet, cancellationToken);
        }

        foreach (var pod in _pods.Values.ToList())
        {
            if (Controller(pod.Metadata, "ReplicaSet") is { } owner && !_replicaSets.Values.Any(r => r.Metadata.Uid == owner.Uid))
            {
                await DeletePodAsync(pod, cancellationToken);
            }
        }
    }

    private async Task SyncDeploymentAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var hash = TemplateHash(deployment.Spec.Template);
        var name = $"{deployment.Metadata.Name}-{hash}";
        var replicas = deployment.Spec.Replicas ?? 1;
        var owned = _replicaSets.Values.Where(r => Controller(r.Metadata, "Deployment")?.Uid == deployment.Metadata.Uid).ToList();
        if (owned.FirstOrDefault(r => r.Metadata.Name == name) is not { } current)
        {
            var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(deployment.Spec.Template));
            template.Metadata ??= new V1ObjectMeta();
            template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>()) { [TemplateHashLabel] = hash };
            var selector = new Dictionary<string, string>(deployment.Spec.Selector.MatchLabels) { [TemplateHashLabel] = hash };
            current = await client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
            {
                ApiVersion = "apps/v1",
                Kind = "ReplicaSet",
                Metadata = new V1ObjectMeta
                {
                    Name = name, NamespaceProperty = ns, Labels = template.Metadata.Labels,
                    OwnerReferences = [Owner("Deployment", deployment.Metadata)],
                },
                Spec = new V1ReplicaSetSpec { Replicas = replicas, Selector = new V1LabelSelector { MatchLabels = selector }, Template = template },
            }, ns, cancellationToken: cancellationToken);
            _replicaSets[Key(current)] = current;
            owned.Add(current);
        }

        foreach (var replicaSet in owned)
        {
            var want = replicaSet.Metadata.Name == name ? replicas : 0;
            if (replicaSet.Spec.Replicas != want)
            {
                var patched = await client.AppsV1.PatchNamespacedReplicaSetAsync(Merge(new { spec = new { replicas = want } }), replicaSet.Metadata.Name, ns,
                    cancellationToken: cancellationToken);
                _replicaSets[Key(patched)] = patched;
            }
        }

        var ready = owned.Sum(r => r.Status?.ReadyReplicas ?? 0);
        var total = owned.Sum(r => r.Status?.Replicas ?? 0);
        var updated = current.Status?.Replicas ?? 0;
        var status = deployment.Status;
        if (status?.Replicas != total || status.ReadyReplicas != ready || status.UpdatedReplicas != updated
            || status.ObservedGeneration != deployment.Metadata.Generation)
        {
            var patched = await client.AppsV1.PatchNamespacedDeploymentStatusAsync(Merge(new
            {
                status = new
                {
                    observedGeneration = deployment.Metadata.Generation, replicas = total, updatedReplicas = updated,
                    readyReplicas = ready, availableReplicas = ready, unavailableReplicas = Math.Max(0, replicas - ready),
                },
            }), deployment.Metadata.Name, ns, cancellationToken: cancellationToken);
            _deployments[Key(patched)] = patched;
        }
    }

    private async Task SyncReplicaSetAsync(V1ReplicaSet replicaSet, CancellationToken cancellationToken)
    {
        var ns = replicaSet.Metadata.NamespaceProperty;
        var pods = _pods.Values.Where(p => p.Metadata.DeletionTimestamp is null && !_gone.Contains(p.Metadata.Uid)
            && Controller(p.Metadata, "ReplicaSet")?.Uid == replicaSet.Metadata.Uid).ToList();
        var want = replicaSet.Spec.Replicas ?? 1;
        for (var i = pods.Count; i < want; i++)
        {
            var template = replicaSet.Spec.Template;
            var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Metadata = new V1ObjectMeta
                {
                    GenerateName = replicaSet.Metadata.Name + "-", NamespaceProperty = ns,
                    Labels = template.Metadata?.Labels, Annotations = template.Metadata?.Annotations,
                    OwnerReferences = [Owner("ReplicaSet", replicaSet.Metadata)],
                },
                Spec = template.Spec,
            }, ns, cancellationToken: cancellationToken);
            _pods[Key(pod)] = pod;
            pods.Add(pod);
        }

        // As the ReplicaSet controller ranks them: pods not running go first, then the newest.
        foreach (var pod in pods.OrderBy(p => p.Status?.Phase == "Running" ? 1 : 0)
                     .ThenByDescending(p => p.Metadata.CreationTimestamp ?? DateTime.MaxValue).Take(Math.Max(0, pods.Count - want)).ToList())
        {
            await DeletePodAsync(pod, cancellationToken);
            pods.Remove(pod);
        }

        var ready = pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        var status = replicaSet.Status;
        if (status?.Replicas != pods.Count || (status.ReadyReplicas ?? 0) != ready || status.ObservedGeneration != replicaSet.Metadata.Generation)
        {
            var patched = await client.AppsV1.PatchNamespacedReplicaSetStatusAsync(Merge(new
            {
                status = new
                {
                    observedGeneration = replicaSet.Metadata.Generation, replicas = pods.Count, fullyLabeledReplicas = pods.Count,
                    readyReplicas = ready, availableReplicas = ready,
                },
            }), replicaSet.Metadata.Name, ns, cancellationToken: cancellationToken);
            _replicaSets[Key(patched)] = patched;
        }
    }

    private async Task DeletePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        await DeleteAsync(() => client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken),
            pod.Metadata.Uid);
        _pods.Remove(Key(pod));
    }

    private async Task DeleteAsync(Func<Task> delete, string uid)
    {
        _gone.Add(uid);
        try
        {
            await delete();
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    private static V1OwnerReference? Controller(V1ObjectMeta metadata, string kind) =>
        metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == kind && o.ApiVersion == "apps/v1");

    private static V1OwnerReference Owner(string kind, V1ObjectMeta owner) => new()
    {
        ApiVersion = "apps/v1", Kind = kind, Name = owner.Name, Uid = owner.Uid, Controller = true, BlockOwnerDeletion = true,
    };

    /// <summary>A stable short hash of the pod template, in the alphabet Kubernetes' SafeEncodeString uses (no vowels, no look-alikes).</summary>
    private static string TemplateHash(V1PodTemplateSpec template)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(template)));
        var value = BitConverter.ToUInt64(hash, 0);
        var text = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            text.Append(alphabet[(int)(value % (ulong)alphabet.Length)]);
            value /= (ulong)alphabet.Length;
        }

        return text.ToString(0, 10).ToString(CultureInfo.InvariantCulture);
    }

    private static V1Patch Merge(object body) => new(KubernetesJson.Serialize(body), V1Patch.PatchType.MergePatch);
}
