using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Web.Components.Dialogs;
using Multinet.Web.Cluster;
using Multinet.Web.Model;

namespace Multinet.Web.Components.Pages;

public sealed partial class NetworksPage : LiveComponentBase
{
    private IReadOnlyList<NetworkRowViewModel> _rows = [];

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required INetworkWriter Writer { get; init; }

    protected override void OnSnapshot() => _rows = NetworkRowViewModel.From(Snapshot);

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NetworkDialog>("New network", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string name })
        {
            Snackbar.Add($"Network {name} created; agents are applying it.", Severity.Success);
        }
    }

    private async Task EditAsync(string name)
    {
        if (!Snapshot.Networks.TryGetValue(name, out var network))
        {
            return;
        }

        var parameters = new DialogParameters<NetworkDialog> { { d => d.Existing, network } };
        var dialog = await Dialogs.ShowAsync<NetworkDialog>($"Edit {name}", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Network {name} updated; agents are applying it.", Severity.Success);
        }
    }

    private async Task DeleteAsync(string name)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete network",
            $"Delete Network {name}? Every node removes its VRF for it.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var error = await Writer.DeleteAsync(name, CancellationToken.None);
        Snackbar.Add(error ?? $"Network {name} deleted.", error is null ? Severity.Success : Severity.Error);
    }
}
