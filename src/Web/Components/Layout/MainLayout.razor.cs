using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Multinet.Web.State;

namespace Multinet.Web.Components.Layout;

/// <summary>The app shell: navigation, the live-updates pause, and dark mode remembered in the browser.</summary>
public sealed partial class MainLayout
{
    private const string DarkModeKey = "multinet.darkMode";
    private bool _drawerOpen = true;
    private bool _darkMode;

    [Inject]
    public required LiveUpdates Updates { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await JS.InvokeAsync<string?>("localStorage.getItem", DarkModeKey) == "true")
        {
            _darkMode = true;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        await JS.InvokeVoidAsync("localStorage.setItem", DarkModeKey, _darkMode ? "true" : "false");
    }
}
