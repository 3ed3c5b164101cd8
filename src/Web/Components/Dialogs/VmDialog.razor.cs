using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Shared.Cluster;
using Multinet.Shared.Validation;
using Multinet.Web.Cluster;
using Multinet.Web.Model;

namespace Multinet.Web.Components.Dialogs;

/// <summary>
/// Creates a VirtualMachine: the form's checks first (field by field, as KubeVirt's admission), then the API's own
/// refusals on the same fields; the dialog closes with the VM's <c>namespace/name</c> once it is written.
/// </summary>
public sealed partial class VmDialog
{
    private static readonly HashSet<string> s_shownOnFields = new(
        [NetworkValidator.NameField, VmFormModel.NamespaceField, VmFormModel.MemoryField], StringComparer.Ordinal);

    private readonly VmFormModel _form = new();
    private IReadOnlyList<FieldViolation> _errors = [];
    private bool _submitted;
    private bool _saving;
    private string? _message;

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    /// <summary>The NADs that can be attached.</summary>
    [Parameter]
    public IReadOnlyList<ClusterNad> Nads { get; set; } = [];

    [Inject]
    private VmWriter Writer { get; set; } = null!;

    private string? Error(string field) => _submitted ? _errors.FirstOrDefault(e => e.Field == field)?.Message : null;

    private void Set(Action change)
    {
        change();
        if (_submitted)
        {
            _errors = _form.Validate();
        }
    }

    private void Toggle(string nad, bool on) => Set(() =>
    {
        _form.Nads.Remove(nad);
        if (on)
        {
            _form.Nads.Add(nad);
        }
    });

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        _submitted = true;
        _message = null;
        _errors = _form.Validate();
        if (_errors.Count > 0)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Writer.CreateAsync(_form, CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok($"{_form.Namespace.Trim()}/{_form.Name.Trim()}"));
                return;
            }

            _errors = [.. result.Errors.Select(e => new FieldViolation(e.Field, e.Reason, e.Message))];
            _message = result.AlreadyExists ? $"A virtual machine named {_form.Name.Trim()} already exists in {_form.Namespace.Trim()}." : result.Message;
            if (result.AlreadyExists)
            {
                _errors = [new FieldViolation(NetworkValidator.NameField, FieldReasons.Duplicate, _message!)];
                _message = null;
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
