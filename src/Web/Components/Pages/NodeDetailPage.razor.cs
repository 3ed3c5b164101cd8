using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// One node: its agent's health and everything it reports (VRFs, tunnels, memifs, taps, routes, services, policy bindings,
/// errors). The tab and the routes' network filter are in the URL (<c>?tab=routes&amp;network=blue</c>).
/// </summary>
public sealed partial class NodeDetailPage : LiveComponentBase
{
    private Model.VmIndex _vmIndex = null!;
    private IReadOnlyList<Model.VmInterfaceRow> _vmRows = [];

    private static readonly QueryStringTabs s_tabs = new("vrfs", "tunnels", "memifs", "taps", "routes", "services", "policies", "errors");
    private NodeView? _node;
    private IReadOnlyList<MemifRowViewModel> _memifs = [];
    private IReadOnlyList<RouteStatus> _routes = [];
    private IReadOnlyList<string> _routeNetworks = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter, EditorRequired]
    public required string Name { get; set; }

    [SupplyParameterFromQuery(Name = QueryStringTabs.QueryParameter)]
    public string? Tab { get; set; }

    /// <summary>Shows only the routes of this network.</summary>
    [SupplyParameterFromQuery(Name = "network")]
    public string? Network { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private int ActiveTab
    {
        get => s_tabs.IndexOf(Tab);
        set => s_tabs.Select(Navigation, value);
    }

    protected override void OnParametersSet()
    {
        _breadcrumbs = [new("Nodes", href: "nodes"), new(Name, href: null, disabled: true)];
        OnSnapshot();
    }

    protected override void OnSnapshot()
    {
        _node = Name is null ? null : Snapshot.Nodes.GetValueOrDefault(Name);
        if (_node is null)
        {
            return;
        }

        _memifs = MemifRowViewModel.From(Snapshot, node: _node.Name);
        _vmIndex = Model.VmIndex.Of(Snapshot.Objects);
        _vmRows = [.. Model.VmInterfaceRow.From(Snapshot).Where(r => r.Node == _node.Name)];
        var routes = _node.Inventory.Routes;
        _routeNetworks = [.. routes.Select(r => r.Network).Distinct().Order(StringComparer.Ordinal)];
        _routes = string.IsNullOrEmpty(Network) ? routes : [.. routes.Where(r => r.Network == Network)];
    }
}
