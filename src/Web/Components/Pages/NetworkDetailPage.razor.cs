using k8s;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Shared.Crds;
using Multinet.Web.Model;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// One Network: which node applied it (VRF, generation, when, error), its tunnel mesh (node × node), the pod interfaces on it,
/// and its YAML. The tab is in the URL (?tab=mesh, ?tab=pods, ?tab=yaml).
/// </summary>
public sealed partial class NetworkDetailPage : LiveComponentBase
{
    private static readonly QueryStringTabs s_tabs = new("nodes", "mesh", "pods", "services", "policies", "ipam", "timeline", "yaml");
    private V3Network? _network;
    private IReadOnlyList<NetworkNodeRowViewModel> _rows = [];
    private int _readyCount;
    private TunnelMeshViewModel _mesh = TunnelMeshViewModel.Empty;
    private PodInterfaceRows? _podModel;
    private IReadOnlyList<PodInterfaceRow> _podInterfaces = [];
    private string _yaml = "";
    private V3Network? _yamlOf;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IReadOnlyList<ServiceEntryRow> _services = [];
    private IReadOnlyList<(Shared.Domain.PolicyBindingStatus Binding, string Node)> _policies = [];
    private IReadOnlyList<IpamRow> _ipam = [];
    private System.Numerics.BigInteger _ipamCapacity;
    private IReadOnlyList<VmInterfaceRow> _vmRows = [];
    private VmIndex _vmIndex = null!;
    private Shared.Ipam.ExcludedAddresses _excluded = Shared.Ipam.ExcludedAddresses.None;
    private (V3Network? Network, bool Connected, string Tab, TunnelMeshViewModel? Mesh, int MissingTunnels)? _shown;
    private IReadOnlyList<NetworkNodeRowViewModel> _shownRows = [];

    /// <summary>One address of the network held by a pod interface.</summary>
    private sealed record IpamRow(string Address, string Pod, string Interface, string Node);

    [Parameter, EditorRequired]
    public required string Name { get; set; }

    [SupplyParameterFromQuery(Name = QueryStringTabs.QueryParameter)]
    public string? Tab { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private int ActiveTab
    {
        get => s_tabs.IndexOf(Tab);
        set => s_tabs.Select(Navigation, value);
    }

    protected override void OnParametersSet()
    {
        _breadcrumbs = [new("Networks", href: "networks"), new(Name, href: null, disabled: true)];
        OnSnapshot();
    }

    protected override void OnSnapshot()
    {
        if (Name is null)
        {
            return;
        }

        _network = Snapshot.Networks.GetValueOrDefault(Name);
        _rows = NetworkNodeRowViewModel.From(Snapshot, Name);
        _readyCount = _rows.Count(r => r.UpToDate);
        // The mesh is built again only when a node's tunnels or VRFs changed, once for every page showing it (its table
        // skips rendering the same mesh).
        _mesh = MeshCache.Of(Live).For(Snapshot, Name);

        // Only the open tab renders: the others' rows (thousands of pods on a large network) are built when it is opened.
        var tab = s_tabs.Names[ActiveTab];
        if (tab == "yaml" && !ReferenceEquals(_yamlOf, _network))
        {
            _yamlOf = _network;
            _yaml = _network is null ? "" : KubernetesYaml.Serialize(_network);
        }

        // The pods tab keeps its rows across reports: a node whose interfaces did not change keeps its rows.
        _podModel = tab != "pods" ? null : _podModel is { } kept && kept.Network == Name ? kept : new PodInterfaceRows(Name);
        _podModel?.Update(Snapshot);
        _podInterfaces = _podModel?.All ?? [];
        _services = tab == "services" ? ServiceEntryRow.From(Snapshot, Name) : [];
        _policies = tab == "policies" ? [.. Snapshot.Nodes.Values.SelectMany(n => n.Inventory.Policies.Where(p => p.Network == Name).Select(p => (p, n.Name)))] : [];
        _ipam = tab == "ipam" ? IpamRows() : [];
        _vmIndex = tab is "pods" or "ipam" ? VmIndex.Of(Snapshot.Objects) : _vmIndex;
        _vmRows = tab == "pods" ? VmInterfaceRow.OnNetwork(Snapshot, Name) : [];
        _ipamCapacity = Shared.Ipam.AddressAllocator.CapacityOf(_network?.Spec?.Range);
        _excluded = Shared.Ipam.AddressAllocator.TryParseRange(_network?.Spec?.Range, out var range, out _)
            ? Shared.Ipam.ExcludedAddresses.Parse(_network?.Spec?.ExcludeIps, range, Shared.Validation.NetworkValidator.ExcludeIpsField).Excluded
            : Shared.Ipam.ExcludedAddresses.None;

        // The nodes, mesh, timeline and YAML tabs show the Network, its nodes' rows and its mesh (the mesh tab's cells, the
        // others only its count of missing tunnels): a batch that changes none of them, as the counters in the mesh's
        // tooltips do every report while the nodes tab is open, is not rendered.
        var shown = (_network, Snapshot.Cluster.Connected, tab, tab == "mesh" ? _mesh : null, _mesh.MissingCount);
        if (tab is "nodes" or "mesh" or "timeline" or "yaml" && _shown == shown && _shownRows.SequenceEqual(_rows))
        {
            ShowsNothingNew();
        }

        _shown = shown;
        _shownRows = _rows;
    }

    private List<IpamRow> IpamRows()
    {
        var nads = Snapshot.Objects.Nads.Values.Where(n => n.NetworkName == Name).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        return [.. Snapshot.Objects.Pods.Values
            .SelectMany(p => p.Attachments.Where(a => nads.Contains(a.NadKey)).SelectMany(a => a.Ips.Select(ip => new IpamRow(ip, p.Key, a.Interface, p.NodeName ?? ""))))
            .OrderBy(r => System.Net.IPAddress.TryParse(r.Address, out var ip) ? new System.Numerics.BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true) : System.Numerics.BigInteger.Zero)];
    }
}
