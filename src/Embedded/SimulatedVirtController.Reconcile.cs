using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Multinet.Shared.Crds;

namespace Multinet.Embedded;

/// <summary>Bringing one VM and one VMI to their goal.</summary>
internal sealed partial class SimulatedVirtController
{
    private static string? OwnerUid(V1ObjectMeta metadata, string kind) =>
        metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == kind && o.ApiVersion == KubeVirtConstants.ApiVersion)?.Uid;

    private async Task ReconcileVmAsync(V1VirtualMachine vm, CancellationToken cancellationToken)
    {
        if (vm.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        var key = Key(vm);
        var vmi = _vmis.GetValueOrDefault(key);
        if (vmi is not null && OwnerUid(vmi.Metadata, KubeVirtConstants.VmKind) is { } owner && owner != vm.Metadata.Uid)
        {
            vmi = null; // a VMI of the same name that another VM (or nobody) owns is not this VM's
        }

        vmi = await HandleStateChangeRequestsAsync(vm, vmi, cancellationToken);
        switch (VmRunStrategy.Decide(vm, vmi))
        {
            case VmAction.Create when _listed.Contains(_vmis):
                vmi = await CreateVmiAsync(vm, cancellationToken);
                break;
            case VmAction.Delete when vmi is not null:
                await DeleteVmiAsync(vmi, cancellationToken);
                vmi = null;
                break;
        }

        var status = VmRunStrategy.StatusOf(vm, vmi);
        if (status.PrintableStatus != vm.Status?.PrintableStatus || status.Created != vm.Status?.Created || status.Ready != vm.Status?.Ready)
        {
            var patch = new { status = new { printableStatus = status.PrintableStatus, created = status.Created, ready = status.Ready } };
            var updated = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<V1VirtualMachine>(Merge(patch), KubeVirtConstants.Group,
                KubeVirtConstants.Version, vm.Metadata.NamespaceProperty, KubeVirtConstants.VmPlural, vm.Metadata.Name, cancellationToken: cancellationToken);
            _vms[key] = updated;
        }
    }

    /// <summary>
    /// Carries out the VM's state change requests in order, as KubeVirt's virt-controller does: Stop deletes the VMI it names
    /// (any VMI when it names none), Start creates the VMI when there is none; the requests done are removed from the status.
    /// </summary>
    private async Task<V1VirtualMachineInstance?> HandleStateChangeRequestsAsync(V1VirtualMachine vm, V1VirtualMachineInstance? vmi, CancellationToken cancellationToken)
    {
        if (vm.Status?.StateChangeRequests is not { Count: > 0 } requests || !_listed.Contains(_vmis))
        {
            return vmi;
        }

        var remaining = requests.ToList();
        if (remaining[0].Action == VmStateChangeRequest.StopAction)
        {
            if (vmi is not null && (remaining[0].Uid is null || remaining[0].Uid == vmi.Metadata.Uid))
            {
                await DeleteVmiAsync(vmi, cancellationToken);
                vmi = null;
            }

            remaining.RemoveAt(0);
        }

        if (remaining.Count > 0 && remaining[0].Action == VmStateChangeRequest.StartAction && vmi is null)
        {
            vmi = await CreateVmiAsync(vm, cancellationToken);
            remaining.RemoveAt(0);
        }

        // null removes the field in a merge patch (the client's serializer would leave a null out).
        var patch = new JsonObject { ["status"] = new JsonObject { ["stateChangeRequests"] = remaining.Count == 0 ? null : JsonNode.Parse(KubernetesJson.Serialize(remaining)) } };
        var updated = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<V1VirtualMachine>(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), KubeVirtConstants.Group,
            KubeVirtConstants.Version, vm.Metadata.NamespaceProperty, KubeVirtConstants.VmPlural, vm.Metadata.Name, cancellationToken: cancellationToken);
        _vms[Key(vm)] = updated;
        vm.Status = updated.Status;
        return vmi;
    }

    /// <summary>The VMI from the VM's template as stored (fields this code does not type are kept), named after and owned by the VM.</summary>
    private async Task<V1VirtualMachineInstance?> CreateVmiAsync(V1VirtualMachine vm, CancellationToken cancellationToken)
    {
        var stored = ToJsonObject(await client.CustomObjects.GetNamespacedCustomObjectAsync(KubeVirtConstants.Group, KubeVirtConstants.Version,
            vm.Metadata.NamespaceProperty, KubeVirtConstants.VmPlural, vm.Metadata.Name, cancellationToken));
        var template = stored["spec"]?["template"] as JsonObject ?? [];
        var templateMetadata = template["metadata"] as JsonObject ?? [];
        var labels = templateMetadata["labels"]?.DeepClone() as JsonObject ?? [];
        labels[KubeVirtConstants.VmNameLabel] = vm.Metadata.Name;
        var metadata = new JsonObject
        {
            ["name"] = vm.Metadata.Name,
            ["namespace"] = vm.Metadata.NamespaceProperty,
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = KubeVirtConstants.ApiVersion, ["kind"] = KubeVirtConstants.VmKind, ["name"] = vm.Metadata.Name,
                ["uid"] = vm.Metadata.Uid, ["controller"] = true, ["blockOwnerDeletion"] = true,
            }),
        };
        if (templateMetadata["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        var body = new JsonObject
        {
            ["apiVersion"] = KubeVirtConstants.ApiVersion,
            ["kind"] = KubeVirtConstants.VmiKind,
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
        LogAction("creating", KubeVirtConstants.VmiKind, Key(vm));
        try
        {
            var created = KubernetesJson.Deserialize<V1VirtualMachineInstance>(ToJsonObject(await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                body, KubeVirtConstants.Group, KubeVirtConstants.Version, vm.Metadata.NamespaceProperty, KubeVirtConstants.VmiPlural,
                cancellationToken: cancellationToken)).ToJsonString());
            _vmis[Key(created)] = created;
            return created;
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode is System.Net.HttpStatusCode.Conflict)
        {
            return _vmis.GetValueOrDefault(Key(vm)); // created meanwhile; its watch event follows
        }
    }

    private async Task DeleteVmiAsync(V1VirtualMachineInstance vmi, CancellationToken cancellationToken)
    {
        LogAction("deleting", KubeVirtConstants.VmiKind, Key(vmi));
        await IgnoreNotFound(client.CustomObjects.DeleteNamespacedCustomObjectAsync(KubeVirtConstants.Group, KubeVirtConstants.Version,
            vmi.Metadata.NamespaceProperty, KubeVirtConstants.VmiPlural, vmi.Metadata.Name, cancellationToken: cancellationToken));
        _vmis.Remove(Key(vmi));
    }

    private async Task ReconcileVmiAsync(V1VirtualMachineInstance vmi, CancellationToken cancellationToken)
    {
        if (vmi.Metadata.DeletionTimestamp is not null || !_listed.Contains(_pods))
        {
            return;
        }

        var pod = _pods.Values.FirstOrDefault(p => VirtLauncherPod.CreatedBy(p) == vmi.Metadata.Uid);
        var phase = vmi.Status?.Phase;
        VirtualMachineInstanceStatus desired;
        if (pod is null && phase is "Succeeded" or "Failed")
        {
            return; // finished: KubeVirt never starts a VMI twice
        }
        else if (pod is null && phase is "Scheduled" or "Running")
        {
            // The launcher pod went away under a started VMI: KubeVirt marks it Failed (a VM's run strategy then decides).
            desired = new VirtualMachineInstanceStatus { Phase = "Failed", NodeName = vmi.Status?.NodeName, Reason = "PodVanished" };
        }
        else
        {
            if (pod is null)
            {
                LogAction("creating launcher pod for", KubeVirtConstants.VmiKind, Key(vmi));
                var built = VirtLauncherPod.Build(vmi);
                try
                {
                    pod = await client.CoreV1.CreateNamespacedPodAsync(built, vmi.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
                }
                catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode is System.Net.HttpStatusCode.Conflict)
                {
                    pod = built;
                }

                _pods[Key(pod)] = pod;
            }

            desired = VmiStatus.Of(vmi, pod);
        }

        var current = vmi.Status ?? new VirtualMachineInstanceStatus();
        if (KubernetesJson.Serialize(desired) == KubernetesJson.Serialize(new VirtualMachineInstanceStatus
            {
                Phase = current.Phase, NodeName = current.NodeName, Reason = current.Reason, Interfaces = current.Interfaces,
            }))
        {
            return;
        }

        var status = new JsonObject
        {
            ["phase"] = desired.Phase,
            ["nodeName"] = desired.NodeName,
            ["reason"] = desired.Reason,
            ["interfaces"] = desired.Interfaces is null ? null : JsonNode.Parse(KubernetesJson.Serialize(desired.Interfaces)),
        };
        var updated = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<V1VirtualMachineInstance>(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch), KubeVirtConstants.Group,
            KubeVirtConstants.Version, vmi.Metadata.NamespaceProperty, KubeVirtConstants.VmiPlural, vmi.Metadata.Name, cancellationToken: cancellationToken);
        _vmis[Key(vmi)] = updated;
    }
}
