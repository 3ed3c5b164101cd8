using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;
using Multinet.Web.Cluster;
using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.Web.Components.Dialogs;

/// <summary>
/// Creates a Network, or edits one (<see cref="Existing"/>). Fields are validated as they are typed against the Networks
/// the console knows (VNI uniqueness, range overlap); the API's own refusal is shown on the field it names. Nothing is
/// written while a field is invalid. An edit shows its impact before saving and never overwrites a change made
/// meanwhile: the API refuses it on the resourceVersion, and the dialog says so.
/// </summary>
public sealed partial class NetworkDialog : ComponentBase
{
    private NetworkFormModel _form = new();
    private NetworkImpact _impact = new([], []);
    private bool _conflict;
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private ValidationResult _validation = ValidationResult.Valid;
    private IReadOnlyList<FieldViolation> _serverErrors = [];
    private string? _serverError;
    private bool _saving;

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Inject]
    public required LiveState Live { get; init; }

    /// <summary>The Network to edit, as last read; null to create one.</summary>
    [Parameter]
    public V3Network? Existing { get; set; }

    /// <summary>The version the edit starts from: <see cref="Existing"/>, or the server's after a conflict.</summary>
    private V3Network? _base;

    private bool IsEdit => _base is not null;

    [Inject]
    public required INetworkWriter Writer { get; init; }

    [Inject]
    public required IKubeObjectClient Objects { get; init; }

    /// <summary>New networks only: also write the calico/whereabouts NAD pods attach through.</summary>
    private bool _createNad = true;

    private bool CanSubmit => !_saving && _validation.IsValid && (IsEdit ? _impact.HasChanges : _touched.Count > 0);

    protected override void OnInitialized()
    {
        _base = Existing;
        if (_base is not null)
        {
            _form = NetworkFormModel.From(_base);
        }

        Revalidate();
    }

    private void Revalidate()
    {
        _validation = _form.Validate(Live.Current.Networks.Values);
        if (_base is not null)
        {
            _impact = NetworkImpact.Of(_base, _form.ToNetwork().Spec, Live.Current);
        }
    }

    private void Set(Action assign)
    {
        assign();
        _touched.UnionWith(FieldsWithInput());
        _serverErrors = [];
        _serverError = null;
        Revalidate();
    }

    private IEnumerable<string> FieldsWithInput()
    {
        if (_form.Name.Length > 0)
        {
            yield return NetworkValidator.NameField;
        }

        if (_form.Vni.Length > 0)
        {
            yield return NetworkValidator.VniField;
        }

        if (_form.Range.Length > 0)
        {
            yield return NetworkValidator.RangeField;
        }

        if (_form.PhysicalNetworkName.Length > 0)
        {
            yield return NetworkValidator.PhysicalNetworkField;
        }
    }

    /// <summary>A field's error: the API's if it refused, else the local one once the field has been typed in.</summary>
    private string? Error(string field) =>
        _serverErrors.FirstOrDefault(e => e.Field == field)?.Message
        ?? (_touched.Contains(field) ? _validation.ErrorFor(field) : null);

    private string? Warning(string field) => _validation.WarningFor(field);

    private async Task SubmitAsync()
    {
        _touched.UnionWith([NetworkValidator.NameField, NetworkValidator.VniField, NetworkValidator.RangeField]);
        Revalidate();
        if (!_validation.IsValid)
        {
            return;
        }

        _saving = true;
        try
        {
            var network = _form.ToNetwork();
            var result = _base is { } existing
                ? await Writer.UpdateSpecAsync(existing.Metadata.Name, existing.Metadata.ResourceVersion, network.Spec, CancellationToken.None)
                : await Writer.CreateAsync(network, CancellationToken.None);
            if (result.Succeeded)
            {
                var name = result.Network!.Metadata.Name;
                string? nadError = null;
                if (_base is null && _createNad)
                {
                    var nad = NadTemplate.For(name);
                    var written = await Objects.ApplyAsync(new ObjectRef(ManagedKind.NetworkAttachmentDefinition, NadTemplate.Namespace, NadTemplate.NameFor(name)), nad,
                        dryRun: false, CancellationToken.None);
                    nadError = written.Succeeded ? null : written.Message;
                }

                Dialog.Close(DialogResult.Ok(new NetworkSaved(name, _base is null && _createNad ? NadTemplate.NameFor(name) : null, nadError)));
                return;
            }

            _conflict = result.Conflict;
            _serverErrors = result.FieldErrors;
            _serverError = result.Conflict
                ? $"{_base!.Metadata.Name} was changed by someone else since you opened it, so your edit was not saved. {DescribeServerVersion()}"
                : result.Error;
        }
        finally
        {
            _saving = false;
        }
    }

    private string DescribeServerVersion() =>
        Live.Current.Networks.TryGetValue(_base!.Metadata.Name, out var current)
            ? $"On the server now: VNI {current.Spec?.Vni}, range {current.Spec?.Range}, uplink {(string.IsNullOrEmpty(current.Spec?.PhysicalNetworkName) ? "default" : current.Spec.PhysicalNetworkName)}."
            : "It is no longer on the server.";

    /// <summary>After a conflict: take the server's version as the new starting point (the user's values are dropped).</summary>
    private void ReloadFromServer()
    {
        if (Live.Current.Networks.TryGetValue(_base!.Metadata.Name, out var current))
        {
            _base = current;
            _form = NetworkFormModel.From(current);
        }

        _conflict = false;
        _serverError = null;
        _serverErrors = [];
        Revalidate();
    }

    private void Cancel() => Dialog.Cancel();
}
