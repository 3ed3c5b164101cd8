using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Web.Auth;
using Multinet.Web.Components.Dialogs;
using Multinet.Web.Model;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// Virtual machines beside pods: every guest interface of every VMI (and each stopped VirtualMachine) from the console's
/// one shared watch, filterable by network and by name, address or MAC, with a form to create a VirtualMachine.
/// Without KubeVirt on the cluster it says so and offers nothing to create.
/// </summary>
public sealed partial class VmsPage : LiveComponentBase
{
    private IReadOnlyList<VmInterfaceRow> _all = [];
    private IReadOnlyList<VmInterfaceRow> _rows = [];
    private IReadOnlyList<string> _networks = [];
    private string? _writeRefusal;
    private System.Security.Claims.ClaimsPrincipal? _user;
    private IReadOnlyList<(Multinet.Shared.Cluster.ClusterVm Vm, Multinet.Shared.Cluster.ClusterVmi? Vmi)> _machines = [];
    private string? _busy;

    [SupplyParameterFromQuery(Name = "network")]
    public string? Network { get; set; }

    /// <summary>A VM name (or part of it), an exact address or an exact MAC.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required CurrentUser User { get; init; }

    // Resolved when an action is clicked (the page renders without a write path, e.g. for a viewer).
    [Inject]
    private IServiceProvider Provider { get; set; } = null!;

    // VMs are namespaced: the button is for anyone who may write somewhere; the write path checks the namespace chosen.
    protected override async Task OnInitializedAsync()
    {
        _user = await User.GetAsync();
        _writeRefusal = AccessRules.RoleRefusal(_user);
    }

    /// <summary>Why the signed-in person may not start, stop or restart VMs in the namespace (their role or namespaces), or null.</summary>
    private string? WriteRefusal(string @namespace) => _user is null ? "Signing in…" : AccessRules.WriteRefusal(_user, @namespace);

    protected override void OnParametersSet() => OnSnapshot();

    protected override void OnSnapshot()
    {
        _all = VmInterfaceRow.From(Snapshot);
        _machines = [.. Snapshot.Objects.Vms.Values.Select(vm => (vm, Snapshot.Objects.Vmis.GetValueOrDefault(vm.Key)))];
        _networks = [.. _all.Select(r => r.Network).Where(n => n != "–").Distinct().Order(StringComparer.Ordinal)];
        var text = Q?.Trim();
        _rows = [.. _all.Where(r => (string.IsNullOrEmpty(Network) || r.Network == Network)
            && (string.IsNullOrEmpty(text) || r.Vm.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Ips.Contains(text)
                || (r.Mac is not null && r.Mac.Equals(text.Replace('-', ':'), StringComparison.OrdinalIgnoreCase))))];
    }

    private void SetQuery(string? value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", string.IsNullOrWhiteSpace(value) ? null : value.Trim()), replace: true);

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<VmDialog> { { d => d.Nads, [.. Snapshot.Objects.Nads.Values] } };
        var dialog = await Dialogs.ShowAsync<VmDialog>("New virtual machine", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string created })
        {
            Snackbar.Add($"Virtual machine {created} created; it starts once its launcher pod is attached.", Severity.Success);
        }
    }

    /// <summary>Start, stop or restart: KubeVirt's answer (202, or its refusal) becomes a message; the page follows the VM live.</summary>
    private async Task RunAsync((Multinet.Shared.Cluster.ClusterVm Vm, string Action) request)
    {
        var (vm, action) = request;
        _busy = $"{vm.Key}/{action}";
        try
        {
            var writer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Multinet.Web.Cluster.VmWriter>(Provider);
            var result = await writer.RunAsync(vm.Namespace, vm.Name, action, CancellationToken.None);
            if (result.Succeeded)
            {
                Snackbar.Add($"Virtual machine {vm.Key}: {action} requested.", Severity.Success);
            }
            else
            {
                Snackbar.Add($"Virtual machine {vm.Key} was not {Past(action)}: {result.Message}", Severity.Error);
            }
        }
        finally
        {
            _busy = null;
        }
    }

    private static string Past(string action) => action switch { "stop" => "stopped", _ => action + "ed" };
}
