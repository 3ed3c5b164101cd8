namespace Multinet.Shared.Domain;

/// <summary>
/// One dataplane call the reconciler issues. The set is closed: every driver handles each case.
/// Deletes carry what the dataplane reported (a driver may need its handle, e.g. the sw_if_index).
/// </summary>
public abstract record DataplaneOperation
{
    private DataplaneOperation()
    {
    }

    /// <summary>The network the object belongs to, for per-network error reports; null when it belongs to none.</summary>
    public abstract string? Network { get; }

    /// <summary>A short, human-readable description such as "adding ip4 table 56".</summary>
    public abstract string Describe();

    public sealed record AddTable(DataplaneTable Table) : DataplaneOperation
    {
        public override string? Network => DataplaneNames.NetworkOfTable(Table.Name);

        public override string Describe() => $"adding {(Table.IsIpv6 ? "ip6" : "ip4")} table {Table.TableId}";
    }

    public sealed record DeleteTable(DataplaneTable Table) : DataplaneOperation
    {
        public override string? Network => DataplaneNames.NetworkOfTable(Table.Name);

        public override string Describe() => $"deleting {(Table.IsIpv6 ? "ip6" : "ip4")} table {Table.TableId}";
    }

    public sealed record AddTunnel(TunnelSpec Tunnel) : DataplaneOperation
    {
        public override string? Network => Tunnel.Network;

        public override string Describe() => $"adding vxlan tunnel {Tunnel.Src} -> {Tunnel.Dst} vni {Tunnel.Vni}";
    }

    public sealed record DeleteTunnel(ObservedTunnel Tunnel) : DataplaneOperation
    {
        public override string? Network => Tunnel.Spec.Network;

        public override string Describe() => $"deleting vxlan tunnel {Tunnel.Spec.Src} -> {Tunnel.Spec.Dst} vni {Tunnel.Spec.Vni}";
    }

    public sealed record AddPodInterface(PodInterfaceSpec Interface) : DataplaneOperation
    {
        public override string? Network => Interface.Network;

        public override string Describe() => $"adding {Interface.Kind.ToString().ToLowerInvariant()} {Interface.Namespace}/{Interface.Pod}/{Interface.Interface}";
    }

    public sealed record DeletePodInterface(ObservedPodInterface Interface) : DataplaneOperation
    {
        public override string? Network => Interface.Spec.Network;

        public override string Describe() => $"deleting {Interface.Spec.Kind.ToString().ToLowerInvariant()} {Interface.Spec.Namespace}/{Interface.Spec.Pod}/{Interface.Spec.Interface}";
    }

    /// <summary>
    /// Puts an existing pod interface into another table (a VNI edit): the interface, its sw_if_index and its memif connection
    /// stay; only its VRF binding changes. <paramref name="Target"/> is the planned spec, of the same kind, socket and queues.
    /// </summary>
    public sealed record MovePodInterface(ObservedPodInterface Interface, PodInterfaceSpec Target) : DataplaneOperation
    {
        public override string? Network => Target.Network;

        public override string Describe() =>
            $"moving {Target.Kind.ToString().ToLowerInvariant()} {Target.Namespace}/{Target.Pod}/{Target.Interface} from table {Interface.Spec.TableId} to table {Target.TableId}";
    }

    public sealed record AddRoute(RouteSpec Route) : DataplaneOperation
    {
        public override string? Network => Route.Network;

        public override string Describe() => $"adding route {Route.Prefix} in table {Route.TableId}";
    }

    public sealed record DeleteRoute(RouteSpec Route) : DataplaneOperation
    {
        public override string? Network => Route.Network;

        public override string Describe() => $"deleting route {Route.Prefix} in table {Route.TableId}";
    }

    public sealed record AddServiceEntry(ServiceEntrySpec Service) : DataplaneOperation
    {
        public override string? Network => Service.Network;

        public override string Describe() => $"adding service entry {Service.Vip}:{Service.Port}/{Service.Protocol} for {Service.Namespace}/{Service.Name}";
    }

    public sealed record DeleteServiceEntry(ServiceEntrySpec Service) : DataplaneOperation
    {
        public override string? Network => Service.Network;

        public override string Describe() => $"deleting service entry {Service.Vip}:{Service.Port}/{Service.Protocol} for {Service.Namespace}/{Service.Name}";
    }

    public sealed record BindPolicy(PolicyBindingSpec Binding) : DataplaneOperation
    {
        public override string? Network => Binding.Network;

        public override string Describe() => $"binding {Binding.Rules.Length} policy rules to {Binding.Namespace}/{Binding.Pod}/{Binding.Interface}";
    }

    public sealed record UnbindPolicy(PolicyBindingSpec Binding) : DataplaneOperation
    {
        public override string? Network => Binding.Network;

        public override string Describe() => $"unbinding policy rules from {Binding.Namespace}/{Binding.Pod}/{Binding.Interface}";
    }
}
