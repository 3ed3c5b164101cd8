using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using Multinet.Web.Topology;
using Multinet.Web.Topology.Reachability;

namespace Multinet.Web.Components.Topology;

/// <summary>
/// /topology: the live graph of nodes, network layers, tunnels, pods and services. Everything the user chose (layers,
/// expanded networks, filters, selection, layout) lives in the URL, so a view can be shared; each live batch rebuilds
/// the element set and the canvas applies only the difference.
/// </summary>
public sealed partial class TopologyPage : LiveComponentBase
{
    private TopologyCanvas _canvas = null!;
    private TopologyQuery _query = TopologyQuery.Default;
    private ImmutableSortedDictionary<string, TopologyElement> _elements = ImmutableSortedDictionary<string, TopologyElement>.Empty;
    private TopologyDetails? _details;
    private TopologyPath? _path;
    private string _summary = "";
    private string? _search;
    private string? _searchMessage;
    private bool _centerOnSelect;
    private bool _queryRead;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<TopologyPage> Logger { get; init; }

    [Inject]
    public required TopologyGraphCache Graphs { get; init; }

    [SupplyParameterFromQuery(Name = "hide")]
    public string? Hide { get; set; }

    [SupplyParameterFromQuery(Name = "open")]
    public string? Open { get; set; }

    [SupplyParameterFromQuery(Name = "groups")]
    public string? Groups { get; set; }

    [SupplyParameterFromQuery(Name = "default")]
    public string? DefaultNetwork { get; set; }

    [SupplyParameterFromQuery(Name = "node")]
    public string? Node { get; set; }

    [SupplyParameterFromQuery(Name = "ns")]
    public string? Namespace { get; set; }

    [SupplyParameterFromQuery(Name = "pod")]
    public string? Pod { get; set; }

    [SupplyParameterFromQuery(Name = "sel")]
    public string? Selected { get; set; }

    [SupplyParameterFromQuery(Name = "layout")]
    public string? Layout { get; set; }

    protected override void OnParametersSet()
    {
        _query = TopologyQuery.Parse(Hide, Open, DefaultNetwork, Node, Namespace, Pod, Selected, Layout, Groups);
        _queryRead = true;
        OnSnapshot();
    }

    protected override void OnSnapshot()
    {
        if (!_queryRead)
        {
            // The first snapshot arrives before the URL is read: the graph is built once, from both.
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _elements = Graphs.Get(Snapshot, _query);
        LogGraphBuilt(Logger, _elements.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _details = TopologyDetailsBuilder.Describe(Snapshot, _query.Selected);
        _summary = Summarize();
    }

    private string Summarize()
    {
        int hosts = 0, networks = 0, tunnels = 0, down = 0, pods = 0, vms = 0;
        foreach (var element in _elements.Values)
        {
            _ = element.Kind switch
            {
                TopologyElementKind.Host => hosts++,
                TopologyElementKind.Network => networks++,
                TopologyElementKind.Pod => pods++,
                TopologyElementKind.Vm => vms++,
                TopologyElementKind.Tunnel => element.Classes.Contains("up", StringComparison.Ordinal) ? tunnels++ : down++,
                _ => 0,
            };
        }

        return $"{TopologyGraph.Count(hosts, "node")} · {TopologyGraph.Count(networks, "network layer")} · "
            + $"{TopologyGraph.Count(tunnels + down, "tunnel")} drawn ({down:N0} not up) · {TopologyGraph.Count(pods, "pod")} and {TopologyGraph.Count(vms, "VM")} drawn · click a network, then a node's group, to expand them";
    }

    private Task OnTapAsync(string? id)
    {
        _centerOnSelect = false;
        var next = _query with { Selected = id };
        if (id is not null && id.StartsWith("net:", StringComparison.Ordinal) && Snapshot.Networks.ContainsKey(id[4..]))
        {
            next = next.ToggleExpanded(id[4..]);
        }
        else if (id is not null && _elements.GetValueOrDefault(id) is { Kind: TopologyElementKind.Group } && id[4..].Split('/') is [var network, var node])
        {
            next = next.ToggleGroup(network, node);
        }

        Navigate(next);
        return Task.CompletedTask;
    }

    private void Search(string? text)
    {
        _search = text;
        _searchMessage = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (TopologySearch.Find(Snapshot, text) is not { } hit)
        {
            _searchMessage = $"Nothing named like \"{text.Trim()}\".";
            return;
        }

        var next = _query with { Selected = hit.Id };
        if (hit.Expand is { } network)
        {
            next = next with { Expanded = next.Expanded.Add(network), Hidden = next.Hidden.Remove(network) };
            if (hit.Node is { } node && !next.ShowsGroup(network, node))
            {
                next = next.ToggleGroup(network, node);
            }
        }

        _centerOnSelect = true;
        Navigate(next);
    }

    /// <summary>The reachability answer's path, highlighted hop by hop on the graph with its first broken hop in red.</summary>
    private void OnAnswer(ReachabilityAnswer? answer) =>
        _path = answer is null || answer.Hops.IsEmpty ? null : new TopologyPath(answer.ElementIds, answer.FirstBroken?.Element);

    private void Navigate(TopologyQuery query) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query.ToParameters()), replace: true);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string ChipStyle(string network, bool shown) =>
        shown ? $"background-color:{TopologyPalette.For(network)};color:#fff" : $"border-color:{TopologyPalette.For(network)}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Topology graph built: {Count} elements in {Milliseconds:0.0} ms")]
    private static partial void LogGraphBuilt(ILogger logger, int count, double milliseconds);
}
