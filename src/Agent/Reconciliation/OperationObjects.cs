using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>How the inventory names the object an operation touches, e.g. "tunnel blue/node-2" (the key of its <see cref="ObjectError"/>).</summary>
internal static class OperationObjects
{
    public static string Name(DataplaneOperation operation) => operation switch
    {
        DataplaneOperation.AddTable { Table: var t } => Table(t),
        DataplaneOperation.DeleteTable { Table: var t } => Table(t),
        DataplaneOperation.AddTunnel { Tunnel: var t } => Tunnel(t),
        DataplaneOperation.DeleteTunnel { Tunnel: var t } => Tunnel(t.Spec),
        DataplaneOperation.AddPodInterface { Interface: var i } => Interface(i),
        DataplaneOperation.DeletePodInterface { Interface: var i } => Interface(i.Spec),
        DataplaneOperation.MovePodInterface { Target: var i } => Interface(i),
        DataplaneOperation.AddRoute { Route: var r } => Route(r),
        DataplaneOperation.DeleteRoute { Route: var r } => Route(r),
        DataplaneOperation.AddServiceEntry { Service: var s } => Service(s),
        DataplaneOperation.DeleteServiceEntry { Service: var s } => Service(s),
        DataplaneOperation.BindPolicy { Binding: var b } => Policy(b),
        DataplaneOperation.UnbindPolicy { Binding: var b } => Policy(b),
        _ => operation.Describe(),
    };

    public static string Tunnel(TunnelSpec tunnel) => $"tunnel {tunnel.Network}/{tunnel.PeerNode}";

    public static string Interface(PodInterfaceSpec spec) => $"interface {spec.Namespace}/{spec.Pod}/{spec.Interface}";

    private static string Table(DataplaneTable table) =>
        DataplaneNames.NetworkOfTable(table.Name) is { } network ? $"table {network}" : $"table {table.TableId}";

    private static string Route(RouteSpec route) => $"route {route.Network}/{route.Prefix}";

    private static string Service(ServiceEntrySpec service) => $"service {service.Key}";

    private static string Policy(PolicyBindingSpec binding) => $"policy binding {binding.Namespace}/{binding.Pod}/{binding.Interface}";
}
