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
    private static readonly string[] s_tabs = ["nodes", "mesh", "pods", "yaml"];
    private V3Network? _network;
    private IReadOnlyList<NetworkNodeRowViewModel> _rows = [];
    private int _readyCount;
    private TunnelMeshViewModel _mesh = new([], new Dictionary<(string, string), Shared.Domain.TunnelStatus>());
    private IReadOnlyList<PodInterfaceRowViewModel> _podInterfaces = [];
    private string _yaml = "";
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter, EditorRequired]
    public required string Name { get; set; }

    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private int ActiveTab
    {
        get => Math.Max(0, Array.IndexOf(s_tabs, Tab ?? s_tabs[0]));
        set => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", value == 0 ? null : s_tabs[value]), replace: true);
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

        var next = Snapshot.Networks.GetValueOrDefault(Name);
        if (!ReferenceEquals(next, _network))
        {
            _network = next;
            _yaml = next is null ? "" : KubernetesYaml.Serialize(next);
        }

        _rows = NetworkNodeRowViewModel.From(Snapshot, Name);
        _readyCount = _rows.Count(r => r.UpToDate);
        _mesh = TunnelMeshViewModel.From(Snapshot, Name);
        _podInterfaces = PodInterfaceRowViewModel.From(Snapshot, Name);
    }
}
