using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Multinet.Web.Components.Pages;

public sealed partial class TunnelMeshTable
{
    internal const int RowHeight = 28;
    internal const int ColWidth = 84;
    internal const int HeadWidth = 150;
    internal const int HeadHeight = 28;

    /// <summary>
    /// What is drawn before the browser has measured the viewport (and in the prerendered HTML): the mesh is at most 70 %
    /// of the window's height, so 32 rows and 20 columns fill it on a 1920 x 1280 screen.
    /// </summary>
    internal static readonly MeshWindow FirstWindow = new(0, 32, 0, 20);

    private ElementReference _viewport;
    private DotNetObjectReference<TunnelMeshTable>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _observer;
    private MeshWindow _window = FirstWindow;
    private TunnelMeshViewModel? _rendered;
    private MeshWindow _renderedWindow = FirstWindow;
    private string _skip = "";

    [Parameter, EditorRequired]
    public required TunnelMeshViewModel Mesh { get; set; }

    private int Width => HeadWidth + (Mesh.Nodes.Count * ColWidth);

    private int Height => HeadHeight + (Mesh.Nodes.Count * RowHeight);

    /// <summary>Rows and columns now in view, with a margin, from the browser (as it scrolls or resizes).</summary>
    [JSInvokable]
    public void ShowWindow(int firstRow, int rows, int firstCol, int cols)
    {
        var next = new MeshWindow(Math.Max(0, firstRow), Math.Clamp(rows, 0, 500), Math.Max(0, firstCol), Math.Clamp(cols, 0, 500));
        if (next != _window)
        {
            _window = next;
            _skip = Skip(next);
            StateHasChanged();
        }
    }

    /// <summary>The same mesh in the same window renders nothing again (the page re-renders for reports that do not touch it).</summary>
    protected override bool ShouldRender() => !ReferenceEquals(_rendered, Mesh) || _renderedWindow != _window;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _rendered = Mesh;
        _renderedWindow = _window;
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await Js.InvokeAsync<IJSObjectReference>("import", "./js/mesh.js");
            if (_module is not null)
            {
                _observer = await _module.InvokeAsync<IJSObjectReference>("observe", _viewport, _self, RowHeight, ColWidth, HeadWidth, HeadHeight, 3);
            }
        }
    }

    protected override void OnParametersSet() => _skip = Skip(_window);

    /// <summary>The columns left of the window, as one spacer in each flex line (header and rows).</summary>
    private static string Skip(MeshWindow window) => string.Create(CultureInfo.InvariantCulture, $"width:{window.FirstCol * ColWidth}px");

    private string RowStyle(int row) => string.Create(CultureInfo.InvariantCulture, $"top:{HeadHeight + (row * RowHeight)}px;width:{Width}px");

    private static string Size(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"width:{width}px;height:{height}px");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_observer is not null)
            {
                await _observer.InvokeVoidAsync("dispose");
                await _observer.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with its browser: nothing to undo there.
        }

        _self?.Dispose();
    }
}
