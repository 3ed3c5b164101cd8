using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Kube;
using Multinet.Shared.Crds;

namespace Multinet.Web.Cluster;

/// <summary>
/// KubeVirt's VirtualMachineInstances and VirtualMachines as the console's one watch lists them, each list telling
/// whether the cluster serves the kind at all (a 404 means KubeVirt is not installed, a 403 that the console may not read
/// it; both count as absent, and the watch loop then lists again slowly and quietly).
/// </summary>
internal static class KubeVirtKinds
{
    public const string VmisName = "VirtualMachineInstances";
    public const string VmsName = "VirtualMachines";

    public static WatchedKind<V1VirtualMachineInstance> Vmis(Action<bool> served) =>
        Reporting(WatchedKinds.Custom<V1VirtualMachineInstance, V1VirtualMachineInstanceList>(VmisName), served);

    public static WatchedKind<V1VirtualMachine> Vms(Action<bool> served) =>
        Reporting(WatchedKinds.Custom<V1VirtualMachine, V1VirtualMachineList>(VmsName), served);

    private static WatchedKind<T> Reporting<T>(WatchedKind<T> inner, Action<bool> served)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(inner.Name, async (kubernetes, cancellationToken) =>
        {
            try
            {
                var listed = await inner.ListAsync(kubernetes, cancellationToken);
                served(true);
                return listed;
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                served(false);
                throw;
            }
        }, inner.Watch) { Optional = true };
}
