using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Shared.Validation;
using Multinet.Web.Cluster;
using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.Web.Components.Dialogs;

/// <summary>
/// Creates a Network. Fields are validated as they are typed against the Networks the console knows (VNI uniqueness,
/// range overlap); the API's own refusal is shown on the field it names. Nothing is written while a field is invalid.
/// </summary>
public sealed partial class NetworkCreateDialog : ComponentBase
{
    private readonly NetworkFormModel _form = new();
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private ValidationResult _validation = ValidationResult.Valid;
    private IReadOnlyList<FieldViolation> _serverErrors = [];
    private string? _serverError;
    private bool _saving;

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Inject]
    public required LiveState Live { get; init; }

    [Inject]
    public required INetworkWriter Writer { get; init; }

    private bool CanSubmit => !_saving && _validation.IsValid && _touched.Count > 0;

    protected override void OnInitialized() => _validation = _form.Validate(Live.Current.Networks.Values);

    private void Set(Action assign)
    {
        assign();
        _touched.UnionWith(FieldsWithInput());
        _serverErrors = [];
        _serverError = null;
        _validation = _form.Validate(Live.Current.Networks.Values);
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

    private async Task CreateAsync()
    {
        _touched.UnionWith([NetworkValidator.NameField, NetworkValidator.VniField, NetworkValidator.RangeField]);
        _validation = _form.Validate(Live.Current.Networks.Values);
        if (!_validation.IsValid)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Writer.CreateAsync(_form.ToNetwork(), CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Network!.Metadata.Name));
                return;
            }

            _serverErrors = result.FieldErrors;
            _serverError = result.Error;
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
