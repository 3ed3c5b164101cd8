using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Multinet.Web.Components.Dialogs;
using Multinet.Web.Search;
using Multinet.Web.State;

namespace Multinet.Web.Components.Layout;

/// <summary>The app shell: navigation, the live-updates pause, dark mode remembered in the browser, search and keyboard shortcuts.</summary>
public sealed partial class MainLayout : IAsyncDisposable
{
    private const string DarkModeKey = "multinet.darkMode";
    private bool _drawerOpen = true;
    private bool _darkMode;

    [Inject]
    public required LiveUpdates Updates { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private DotNetObjectReference<MainLayout>? _self;
    private bool _dialogOpen;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        await JS.InvokeVoidAsync("multinetShortcuts.register", _self);
        if (await JS.InvokeAsync<string?>("localStorage.getItem", DarkModeKey) == "true")
        {
            _darkMode = true;
            StateHasChanged();
        }
    }

    /// <summary>Called by wwwroot/js/shortcuts.js for a shortcut pressed outside any field.</summary>
    [JSInvokable]
    public Task OnShortcut(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return InvokeAsync(async () =>
        {
            switch (command)
            {
                case "search":
                    await OpenSearchAsync();
                    break;
                case "help":
                    await OpenShortcutsAsync();
                    break;
                case "pause":
                    Updates.Toggle();
                    StateHasChanged();
                    break;
                case var go when go.StartsWith("go:", StringComparison.Ordinal) && Shortcuts.GoTo.TryGetValue(go[3..], out var target):
                    Navigation.NavigateTo(target.Href);
                    break;
            }
        });
    }

    private Task OpenSearchAsync() => OpenOnceAsync<SearchDialog>("Search");

    private Task OpenShortcutsAsync() => OpenOnceAsync<ShortcutsDialog>("Keyboard shortcuts");

    private async Task OpenOnceAsync<TDialog>(string title)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        if (_dialogOpen)
        {
            return;
        }

        _dialogOpen = true;
        var dialog = await Dialogs.ShowAsync<TDialog>(title, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        _ = AllowReopenWhenClosedAsync(dialog); // a shortcut returns at once; the flag clears on close
    }

    /// <summary>Awaited on the circuit's dispatcher (the shortcut runs through InvokeAsync), so the flag changes there too.</summary>
    private async Task AllowReopenWhenClosedAsync(IDialogReference dialog)
    {
        await dialog.Result;
        _dialogOpen = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_self is not null)
        {
            try
            {
                await JS.InvokeVoidAsync("multinetShortcuts.unregister");
            }
            catch (JSDisconnectedException)
            {
                // the tab is gone: nothing to unregister
            }

            _self.Dispose();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        await JS.InvokeVoidAsync("localStorage.setItem", DarkModeKey, _darkMode ? "true" : "false");
    }
}
