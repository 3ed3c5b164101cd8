using Multinet.Web.Model;

namespace Multinet.Web.Cluster;

/// <summary>
/// The VMs page's writes: the new-VM form's an ordinary VirtualMachine, created through the console's one write path
/// (<see cref="KubeObjectClient"/>, as the signed-in person, refused when their role or namespaces do not allow it).
/// </summary>
internal sealed class VmWriter(KubeObjectClient objects)
{
    public Task<ObjectWriteResult> CreateAsync(VmFormModel form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return objects.CreateNamespacedObjectAsync(ManagedKind.VirtualMachine, form.Namespace.Trim(), form.ToVirtualMachine(), cancellationToken);
    }

    /// <summary>KubeVirt's start, stop or restart of a VirtualMachine (virt-api's subresource), through the same write path.</summary>
    public Task<ObjectWriteResult> RunAsync(string @namespace, string name, string action, CancellationToken cancellationToken) =>
        objects.PutVmActionAsync(@namespace, name, action, cancellationToken);
}
