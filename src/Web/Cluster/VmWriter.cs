using Multinet.Web.Model;

namespace Multinet.Web.Cluster;

/// <summary>
/// The new-VM form's write: an ordinary VirtualMachine, created through the console's one write path
/// (<see cref="KubeObjectClient"/>, as the signed-in person, refused when their role or namespaces do not allow it).
/// </summary>
internal sealed class VmWriter(KubeObjectClient objects)
{
    public Task<ObjectWriteResult> CreateAsync(VmFormModel form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return objects.CreateNamespacedObjectAsync(ManagedKind.VirtualMachine, form.Namespace.Trim(), form.ToVirtualMachine(), cancellationToken);
    }
}
