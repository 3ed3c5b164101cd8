using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Web.Components.Dialogs;
using Multinet.Web.Cluster;
using Multinet.Shared.Cluster;
using Multinet.Web.Auth;
using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

public sealed partial class NetworksPage : LiveComponentBase
{
    private IReadOnlyList<NetworkRowViewModel> _rows = [];

    // Why the signed-in user may not change Networks (cluster-wide objects), or null. The writer refuses the same; the
    // buttons only say so first.
    private string? _writeRefusal;

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required INetworkWriter Writer { get; init; }

    [Inject]
    public required CurrentUser User { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _writeRefusal = await User.WriteRefusalAsync(null);
    }

    protected override void OnSnapshot()
    {
        var rows = NetworkRowViewModel.From(Snapshot);
        if (rows.SequenceEqual(_rows))
        {
            // Node reports that move counters leave every Network's row as it was: that batch is not rendered.
            ShowsNothingNew();
            return;
        }

        _rows = rows;
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NetworkDialog>("New network", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: NetworkSaved saved })
        {
            Snackbar.Add(saved.NadError is { } error
                    ? $"Network {saved.Name} created, but its NAD {saved.Nad} was not: {error}"
                    : $"Network {saved.Name} created{(saved.Nad is null ? "" : $" with NAD {saved.Nad}")}; agents are applying it.",
                saved.NadError is null ? Severity.Success : Severity.Warning);
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
        var usage = LiveState.UsageOf(Snapshot).GetValueOrDefault(name) ?? NetworkUsage.Of(LiveState.ViewOf(Snapshot), name);
        var parameters = new DialogParameters<DeleteNetworkDialog> { { d => d.Network, name }, { d => d.Usage, usage } };
        var dialog = await Dialogs.ShowAsync<DeleteNetworkDialog>("Delete network", parameters);
        if ((await dialog.Result) is not { Canceled: false })
        {
            return;
        }

        var error = await Writer.DeleteAsync(name, CancellationToken.None);
        Snackbar.Add(error ?? $"Network {name} deleted.", error is null ? Severity.Success : Severity.Error);
    }
}
