using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Multinet.Web.Topology;

namespace Multinet.Web.Components.Topology;

/// <summary>
/// The graph on the page: wraps the Cytoscape.js module. It draws <see cref="Elements"/> once, then hands the browser
/// only the <see cref="TopologyDiff"/> from what it drew to each new set of elements (adds, removes, restyles), so
/// positions, zoom and pan survive every update. Taps come back through <see cref="OnTap"/>.
/// </summary>
public sealed partial class TopologyCanvas : ComponentBase, IAsyncDisposable
{
    private ElementReference _container;
    private DotNetObjectReference<TopologyCanvas>? _self;
    private Task<IJSObjectReference>? _moduleLoad;
    private IJSObjectReference? _module;
    private IJSObjectReference? _graph;
    private IReadOnlyDictionary<string, TopologyElement> _drawn = ImmutableSortedDictionary<string, TopologyElement>.Empty;
    private string? _shownSelection;
    private TopologyPath? _shownPath;
    private string? _shownLayout;

    [Inject]
    public required IJSRuntime Js { get; init; }

    [Inject]
    public required ILogger<TopologyCanvas> Logger { get; init; }

    [Parameter, EditorRequired]
    public required IReadOnlyDictionary<string, TopologyElement> Elements { get; set; }

    /// <summary>The selected element's id; a change selects it and, with <see cref="CenterOnSelect"/>, centres it.</summary>
    [Parameter]
    public string? Selected { get; set; }

    [Parameter]
    public bool CenterOnSelect { get; set; }

    /// <summary>A path to highlight hop by hop, its first broken hop in red; null highlights nothing.</summary>
    [Parameter]
    public TopologyPath? Path { get; set; }

    [Parameter]
    public EventCallback<string?> OnTap { get; set; }

    /// <summary>The layout the positions come from; a change moves every drawn node to its place in the new one.</summary>
    [Parameter]
    public string Layout { get; set; } = TopologyQuery.GridLayout;

    /// <summary>How many diffs this canvas has sent to the browser (not counting the first drawing).</summary>
    public int DiffsApplied { get; private set; }

    /// <summary>
    /// The browser starts loading the module (and Cytoscape) while the page's first render is on its way, not after it;
    /// on a first visit to /topology it is already loading (wwwroot/Multinet.Web.lib.module.js). A prerender has no
    /// browser to ask: the interactive render that follows imports it.
    /// </summary>
    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            _moduleLoad = Js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
        }
    }

    /// <summary>The graph module, as the page imports it and its head preloads it.</summary>
    public const string ModulePath = "./js/topology.js";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _moduleLoad is not null)
        {
            // Drawn as they are now; what changes while the browser draws them goes out as a diff below.
            var initial = Elements;
            _self = DotNetObjectReference.Create(this);
            _module = await _moduleLoad!;
            var elements = initial.Values.Select(TopologyJsElement.Of).ToArray();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            _graph = await _module.InvokeAsync<IJSObjectReference>("create", _container, _self, elements);
            _drawn = initial;
            if (Logger.IsEnabled(LogLevel.Debug))
            {
                LogDrawn(Logger, elements.Length, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(elements, s_json).Length,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        if (_graph is not null && !ReferenceEquals(_drawn, Elements))
        {
            var diff = TopologyDiff.Between(_drawn, Elements);
            _drawn = Elements;
            if (!diff.IsEmpty)
            {
                DiffsApplied++;
                await _graph.InvokeVoidAsync("apply", new
                {
                    added = diff.Added.Select(TopologyJsElement.Of).ToArray(),
                    removed = diff.Removed,
                    restyled = diff.Restyled.Select(TopologyJsElement.Of).ToArray(),
                });
            }
        }

        if (_graph is not null && _shownLayout != Layout)
        {
            if (!firstRender)
            {
                await _graph.InvokeVoidAsync("place", Elements.Values.Where(e => !e.IsEdge).ToDictionary(e => e.Id, e => new { x = e.X, y = e.Y }));
            }

            _shownLayout = Layout;
        }

        if (_graph is not null && (firstRender || _shownSelection != Selected))
        {
            _shownSelection = Selected;
            await _graph.InvokeVoidAsync("select", Selected, CenterOnSelect);
        }

        if (_graph is not null && _shownPath != Path)
        {
            _shownPath = Path;
            await _graph.InvokeVoidAsync("highlight", Path?.Hops ?? [], Path?.Broken);
        }
    }

    /// <summary>Downloads the current view as <c>topology.png</c> or <c>topology.svg</c>.</summary>
    public async Task ExportAsync(bool svg)
    {
        if (_graph is not null)
        {
            await _graph.InvokeVoidAsync(svg ? "exportSvg" : "exportPng", svg ? "topology.svg" : "topology.png");
        }
    }

    public async Task FitAsync()
    {
        if (_graph is not null)
        {
            await _graph.InvokeVoidAsync("fit");
        }
    }

    /// <summary>
    /// The elements as the browser's graph takes them (the same JSON the interactive canvas sends), carried by the
    /// prerendered container so the browser draws them before the circuit starts.
    /// </summary>
    private string InitialJson() => System.Text.Json.JsonSerializer.Serialize(Elements.Values.Select(TopologyJsElement.Of).ToArray(), s_json);

    [JSInvokable]
    public Task OnTapAsync(string? id) => OnTap.InvokeAsync(id);

    private static readonly System.Text.Json.JsonSerializerOptions s_json = new(System.Text.Json.JsonSerializerDefaults.Web);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Topology drawn: {Count} elements, {Bytes} bytes of JSON, {Milliseconds:0.0} ms from the call to the browser's answer")]
    private static partial void LogDrawn(ILogger logger, int count, int bytes, double milliseconds);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_graph is not null)
            {
                await _graph.InvokeVoidAsync("dispose");
                await _graph.DisposeAsync();
            }

            // Loaded but never drawn with (the page left before its first render), the module is released all the same.
            var module = _module ?? (_moduleLoad is { IsCompletedSuccessfully: true } load ? load.Result : null);
            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's graph with it.
        }

        _self?.Dispose();
    }
}
