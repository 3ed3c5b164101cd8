using System.Text.Json.Nodes;
using Multinet.Kube.Yaml;
using Multinet.Shared.Validation;
using Multinet.Web.Cluster;

namespace Multinet.Web.Yaml;

/// <summary>
/// A kubectl-edit-like session over one object, or a multi-document apply when no object is loaded. Review runs a
/// server-side dry run and diffs your text against what you loaded; Apply writes with the loaded resourceVersion
/// (one object) or server-side apply (several), and a concurrent change becomes a <see cref="YamlConflict"/>:
/// nothing is overwritten and nothing you typed is lost. Bad YAML, unknown kinds or renamed objects are refused
/// before anything is sent; a multi-document apply writes nothing unless every document passes its dry run.
/// An object deleted on the server meanwhile is never re-created by a guarded write: once the session knows it is
/// gone (<see cref="DeletedOnServer"/>), Apply re-creates it from your text, and says so first.
/// </summary>
public sealed partial class YamlEditSession(IKubeObjectClient objects)
{
    public ObjectRef? Target { get; private set; }

    public YamlEditStage Stage { get; private set; } = YamlEditStage.Empty;

    /// <summary>The YAML loaded from the server: what the diff and a conflict compare against.</summary>
    public string BaseText { get; private set; } = "";

    /// <summary>The text the editor should show after an operation that replaces it (load, merge, discard).</summary>
    public string EditorText { get; private set; } = "";

    public IReadOnlyList<DiffLine> Diff { get; private set; } = [];

    public IReadOnlyList<YamlDocumentResult> Results { get; private set; } = [];

    public YamlConflict? Conflict { get; private set; }

    /// <summary>A problem with the text itself (YAML syntax, unknown kind, renamed object), with the line when known.</summary>
    public string? TextError { get; private set; }

    /// <summary>The resourceVersion of the loaded version: what Apply is guarded by.</summary>
    public string? ResourceVersion => _base?["metadata"]?["resourceVersion"]?.GetValue<string>();

    /// <summary>The loaded object was deleted on the server: Apply re-creates it from the editor's text.</summary>
    public bool DeletedOnServer { get; private set; }

    private JsonObject? _base;

    public async Task<bool> LoadAsync(ObjectRef target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        Reset();
        var current = await objects.GetAsync(target, cancellationToken);
        if (current is null)
        {
            Stage = YamlEditStage.Empty;
            TextError = $"{target} does not exist.";
            return false;
        }

        SetBase(current);
        EditorText = BaseText;
        Stage = YamlEditStage.Editing;
        return true;
    }

    /// <summary>A new, empty multi-document apply, optionally starting from a text (an exported bundle, an example).</summary>
    public void StartNew(string text)
    {
        Target = null;
        Reset();
        _base = null;
        BaseText = "";
        EditorText = text ?? "";
        Stage = YamlEditStage.Editing;
    }

    public Task<bool> ReviewAsync(string text, CancellationToken cancellationToken) => RunAsync(text, dryRun: true, cancellationToken);

    /// <summary>The object was seen deleted on the server (by the shared watch): Apply will re-create it.</summary>
    public void MarkDeletedOnServer()
    {
        if (Target is not null && _base is not null)
        {
            DeletedOnServer = true;
        }
    }

    /// <summary>
    /// Reads the object from the server and compares it with the loaded version, field by field, as the editor shows
    /// it (status and bookkeeping aside). When only those moved, the session takes the newer resourceVersion as its
    /// guard: nothing the editor shows changed, so an apply on it loses nothing.
    /// </summary>
    public async Task<ServerCheck?> CheckServerAsync(CancellationToken cancellationToken)
    {
        if (Target is not { } target || _base is null)
        {
            return null;
        }

        var server = await objects.GetAsync(target, cancellationToken);
        if (server is null)
        {
            DeletedOnServer = true;
            return new ServerCheck(Deleted: true, Changed: false, null, []);
        }

        var serverEdit = StripForEditing(server);
        var version = serverEdit["metadata"]?["resourceVersion"]?.GetValue<string>();
        var theirs = ThreeWayMerge.Merge(_base, _base, serverEdit).TheirChanges;
        if (DeletedOnServer)
        {
            DeletedOnServer = false; // created again: a new object, whatever it holds
            return new ServerCheck(Deleted: false, Changed: true, version, theirs);
        }

        if (theirs.Count == 0 && _base["metadata"] is JsonObject metadata)
        {
            metadata["resourceVersion"] = version;
            return new ServerCheck(Deleted: false, Changed: false, version, []);
        }

        return new ServerCheck(Deleted: false, Changed: theirs.Count > 0, version, theirs);
    }

    /// <summary>
    /// Shows base, <paramref name="text"/> (yours) and the server's version now, with the merge, without writing:
    /// what Apply would have shown on its conflict, asked for before Apply. Your text stays in the editor.
    /// </summary>
    public async Task<bool> CompareWithServerAsync(string text, CancellationToken cancellationToken)
    {
        if (Target is not { } target || _base is null)
        {
            return false;
        }

        if (!TryParse(text, out var documents))
        {
            return false;
        }

        if (documents.Count != 1)
        {
            TextError = $"Editing {target}: the text must hold exactly that one object, not {documents.Count} documents.";
            return false;
        }

        var server = await objects.GetAsync(target, cancellationToken);
        if (server is null)
        {
            DeletedOnServer = true;
            TextError = $"{target} was deleted on the server. Your text is kept; Apply re-creates it from your text.";
            return false;
        }

        DeletedOnServer = false;
        ShowConflict(documents[0], server);
        return true;
    }

    public Task<bool> ApplyAsync(string text, CancellationToken cancellationToken) => RunAsync(text, dryRun: false, cancellationToken);

    /// <summary>Takes the merged text into the editor and the server's version as the new base: the next apply is against it.</summary>
    public void AcceptMerged()
    {
        if (Conflict is not { } conflict)
        {
            return;
        }

        _base = StripForEditing(YamlText.ParseDocuments(conflict.Server)[0]);
        BaseText = conflict.Server;
        EditorText = conflict.Merged;
        DeletedOnServer = false;
        Conflict = null;
        Stage = YamlEditStage.Editing;
    }

    /// <summary>Drops your edit for the server's version.</summary>
    public void DiscardMine()
    {
        if (Conflict is not { } conflict)
        {
            return;
        }

        _base = StripForEditing(YamlText.ParseDocuments(conflict.Server)[0]);
        BaseText = conflict.Server;
        EditorText = conflict.Server;
        DeletedOnServer = false;
        Conflict = null;
        Stage = YamlEditStage.Editing;
    }

    /// <summary>Starts a new attempt: clears the last results and parses the text, or says where the YAML is wrong.</summary>
    private bool TryParse(string? text, out IReadOnlyList<JsonObject> documents)
    {
        Results = [];
        TextError = null;
        try
        {
            documents = YamlText.ParseDocuments(text ?? "");
            return true;
        }
        catch (YamlTextException ex)
        {
            TextError = $"YAML: {ex.Message}";
            documents = [];
            return false;
        }
    }

    private void Reset()
    {
        DeletedOnServer = false;
        Diff = [];
        Results = [];
        Conflict = null;
        TextError = null;
    }

    private void SetBase(JsonObject server)
    {
        _base = StripForEditing(server);
        BaseText = YamlText.ToYaml(_base);
    }

    /// <summary>What an editor shows: the object without managedFields and status, which are not edited here.</summary>
    internal static JsonObject StripForEditing(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("status");
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private static ObjectRef? RefOf(JsonObject document, out string? error)
    {
        var apiVersion = Text(document["apiVersion"]);
        var kind = Text(document["kind"]);
        var metadata = document["metadata"] as JsonObject;
        var name = Text(metadata?["name"]);
        var ns = Text(metadata?["namespace"]);
        error = null;
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            error = "apiVersion and kind are required, as strings.";
            return null;
        }

        if (document["metadata"] is not (null or JsonObject))
        {
            error = "metadata must be a mapping (name:, namespace:, ...).";
            return null;
        }

        if (ManagedKind.Find(apiVersion, kind) is not { } managed)
        {
            error = $"{apiVersion} {kind} is not a kind this console manages ({string.Join(", ", ManagedKind.All.Select(k => k.Kind))}).";
            return null;
        }

        if (string.IsNullOrEmpty(name))
        {
            error = "metadata.name is required, as a string.";
            return null;
        }

        // Checked before the name goes into a request's path, as the API server would check it.
        var nameError = name.Length > 253 ? "must be no more than 253 characters." : name.Split('.').Select(NetworkValidator.CheckDns1123Label).FirstOrDefault(e => e is not null);
        if (nameError is not null)
        {
            error = $"metadata.name \"{name}\": {nameError}";
            return null;
        }

        if (!string.IsNullOrEmpty(ns) && NetworkValidator.CheckDns1123Label(ns) is { } nsError)
        {
            error = $"metadata.namespace \"{ns}\": {nsError}";
            return null;
        }

        return new ObjectRef(managed, managed.Namespaced ? (string.IsNullOrEmpty(ns) ? "default" : ns) : null, name);
    }

    /// <summary>A field's text when it is a string, else null (a number or a mapping where a name belongs is no name).</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
