using BlazorMonaco.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Multinet.Web.Auth;
using Multinet.Web.Cluster;
using Multinet.Web.State;
using Multinet.Web.Yaml;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// Edits any object the console manages as YAML (<c>/yaml?kind=network&amp;name=blue</c>, <c>&amp;namespace=</c> for
/// namespaced kinds), applies multi-document YAML (<c>/yaml</c>), or starts from a network's bundle
/// (<c>/yaml?export=blue</c>). Review runs a server-side dry run and shows the diff; a concurrent change shows
/// base, yours and the server's version and never overwrites either. While an object is open the page follows it
/// through the shared <see cref="LiveState"/> (no watch of its own): a newer version on the server or its deletion
/// shows at once, with the choice to compare or reload; an editor without edits takes the newer version itself.
/// </summary>
public sealed partial class YamlPage
{
    private const string EditorId = "multinet-yaml-editor";
    private const string NewObjectsHint = "# Paste or write one or more objects separated by ---, then Review and Apply.\n";
    private YamlEditSession _session = null!;
    private StandaloneCodeEditor? _editor;
    private bool _monacoLoaded;
    private string? _monacoError;
    private bool _editorReady;
    private bool _waitingForEditor;
    private bool _busy;
    private bool _showWholeDiff;
    private string? _loadError;
    private readonly LiveObjectFollower _follower = new();
    private ServerNotice? _notice;
    private ServerNotice? _reloaded;
    private bool _confirmReload;
    private ServerNotice? _candidate;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private IKubeObjectClient Objects { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private CurrentUser User { get; set; } = null!;

    /// <summary>Why the signed-in user may not write the open object (or, without one, anything), or null; the client refuses the same.</summary>
    private string? _writeRefusal;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "namespace")]
    public string? Namespace { get; set; }

    [SupplyParameterFromQuery(Name = "name")]
    public string? Name { get; set; }

    [SupplyParameterFromQuery(Name = "export")]
    public string? Export { get; set; }

    private Color StageColor => _session.Stage switch
    {
        YamlEditStage.Reviewed => Color.Info,
        YamlEditStage.Conflict => Color.Warning,
        YamlEditStage.Applied => Color.Success,
        _ => Color.Default,
    };

    /// <summary>The news about the open object that still matters: a version newer than the one loaded, or its deletion.</summary>
    private ServerNotice? VisibleNotice => _notice switch
    {
        null => null,
        { Deleted: true } deleted => _session.DeletedOnServer ? deleted : null,
        var changed when _session.Stage == YamlEditStage.Conflict && !ObjectStamp.IsNewer(changed.ResourceVersion, _session.Conflict?.ServerResourceVersion) => null,
        var changed => ObjectStamp.IsNewer(changed.ResourceVersion, _session.ResourceVersion) ? changed : null,
    };

    protected override void OnInitialized()
    {
        _session = new YamlEditSession(Objects);
        base.OnInitialized();
    }

    protected override async Task OnParametersSetAsync()
    {
        var user = await User.GetAsync();
        _writeRefusal = string.IsNullOrEmpty(Name) ? AccessRules.RoleRefusal(user) : AccessRules.WriteRefusal(user, string.IsNullOrEmpty(Namespace) ? null : Namespace);
        await LoadAsync();
        Follow(Live.Current); // the cache may already hold the object (or a newer version): follow it from here
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                await JS.InvokeAsync<bool>("multinetLoadMonaco");
                _monacoLoaded = true;
            }
            catch (JSException ex)
            {
                _monacoError = ex.Message;
            }

            StateHasChanged();
        }
        else if (_monacoLoaded && _editor is not null && !_editorReady && !_waitingForEditor)
        {
            _waitingForEditor = true;
            try
            {
                await JS.InvokeAsync<bool>("multinetWhenEditor", EditorId);
                _editorReady = true;
                await ShowEditorTextAsync(); // what loaded while the editor was starting
            }
            catch (JSException ex)
            {
                _monacoError = ex.Message;
            }

            StateHasChanged();
        }

        if (_candidate is { } candidate && !_busy)
        {
            _candidate = null;
            await CheckServerAsync(candidate);
        }
    }

    private StandaloneEditorConstructionOptions EditorOptions(StandaloneCodeEditor editor) => new()
    {
        Language = "yaml",
        Value = _session.EditorText,
        AutomaticLayout = true,
        Minimap = new EditorMinimapOptions { Enabled = false },
        ScrollBeyondLastLine = false,
        TabSize = 2,
    };

    private async Task LoadAsync()
    {
        _loadError = null;
        _notice = null;
        _candidate = null;
        _reloaded = null;
        _confirmReload = false;
        if (!string.IsNullOrEmpty(Export))
        {
            var bundle = await NetworkBundle.BuildAsync(Objects, Export, CancellationToken.None);
            _session.StartNew(bundle ?? NewObjectsHint);
            _loadError = bundle is null ? $"Network \"{Export}\" does not exist." : null;
        }
        else if (!string.IsNullOrEmpty(Kind) || !string.IsNullOrEmpty(Name))
        {
            var kind = ManagedKind.FindByName(Kind);
            if (kind is null || string.IsNullOrEmpty(Name))
            {
                _session.StartNew(NewObjectsHint);
                _loadError = kind is null
                    ? $"kind \"{Kind}\" is not one this console edits: {string.Join(", ", ManagedKind.All.Select(k => k.Kind))}."
                    : "name is missing from the address.";
            }
            else
            {
                await _session.LoadAsync(new ObjectRef(kind, kind.Namespaced ? (string.IsNullOrEmpty(Namespace) ? "default" : Namespace) : null, Name), CancellationToken.None);
            }
        }
        else
        {
            _session.StartNew(NewObjectsHint);
        }

        await ShowEditorTextAsync();
    }

    private async Task ShowEditorTextAsync()
    {
        if (_editor is not null && _editorReady)
        {
            await _editor.SetValue(_session.EditorText);
        }
    }

    private async Task ReloadAsync()
    {
        await RunAsync(LoadAsync);
    }

    private Task ReviewAsync() => RunAsync(async () =>
    {
        await _session.ReviewAsync(await _editor!.GetValue(), CancellationToken.None);
    });

    private Task ApplyAsync() => RunAsync(async () =>
    {
        if (await _session.ApplyAsync(await _editor!.GetValue(), CancellationToken.None))
        {
            Snackbar.Add($"Applied {string.Join(", ", _session.Results.Select(r => r.Object))}.", Severity.Success);
            if (_session.Target is not null)
            {
                await ShowEditorTextAsync(); // the server's version, with its new resourceVersion
            }
        }
    });

    private async Task<string> EditorValueAsync() => _editor is not null && _editorReady ? await _editor.GetValue() ?? "" : _session.EditorText;

    private async Task AcceptMergedAsync()
    {
        _session.AcceptMerged();
        await ShowEditorTextAsync();
    }

    private async Task DiscardMineAsync()
    {
        _session.DiscardMine();
        await ShowEditorTextAsync();
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
        }
        finally
        {
            _busy = false;
        }

        // What the cache said during the write, or since a load: the page's own apply is no news, a later version is.
        Follow(Live.Current);
        if (_candidate is not null)
        {
            // News that came while busy waits for a render to be read (OnAfterRenderAsync): ask for one, or it waits for
            // the next live batch, which on a quiet cluster may never come.
            StateHasChanged();
        }
    }

    private static string Join(IReadOnlyList<string> fields) => fields.Count == 0 ? "none" : string.Join(", ", fields);
}
