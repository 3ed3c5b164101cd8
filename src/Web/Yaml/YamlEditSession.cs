using System.Text.Json.Nodes;
using Multinet.Kube.Yaml;
using Multinet.Web.Cluster;

namespace Multinet.Web.Yaml;

/// <summary>Where an edit stands.</summary>
public enum YamlEditStage
{
    /// <summary>Nothing loaded, or the object does not exist.</summary>
    Empty,
    Editing,
    /// <summary>The server accepted a dry run of the edit; the diff is ready.</summary>
    Reviewed,
    /// <summary>The object changed on the server since it was loaded: base, yours and the server's version are shown.</summary>
    Conflict,
    Applied,
}

/// <summary>
/// What the server holds now compared with the loaded version: gone, the same content (only status or bookkeeping
/// moved: the session now stands on the newer version), or changed in <see cref="ChangedFields"/>.
/// </summary>
public sealed record ServerCheck(bool Deleted, bool Changed, string? ResourceVersion, IReadOnlyList<string> ChangedFields);

/// <summary>One document's outcome in a review or an apply.</summary>
public sealed record YamlDocumentResult(int Index, string Object, bool Succeeded, string? Message, IReadOnlyList<ObjectFieldError> Errors)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The three versions of a conflict, as YAML, with the merge of your changes onto the server's version.</summary>
public sealed record YamlConflict(string Base, string Yours, string Server, string Merged, IReadOnlyList<string> ConflictingFields, IReadOnlyList<string> YourChanges, IReadOnlyList<string> TheirChanges)
{
    /// <summary>The resourceVersion of the server's version shown.</summary>
    public string? ServerResourceVersion { get; init; }
}

/// <summary>
/// A kubectl-edit-like session over one object, or a multi-document apply when no object is loaded. Review runs a
/// server-side dry run and diffs your text against what you loaded; Apply writes with the loaded resourceVersion
/// (one object) or server-side apply (several), and a concurrent change becomes a <see cref="YamlConflict"/>:
/// nothing is overwritten and nothing you typed is lost. Bad YAML, unknown kinds or renamed objects are refused
/// before anything is sent; a multi-document apply writes nothing unless every document passes its dry run.
/// An object deleted on the server meanwhile is never re-created by a guarded write: once the session knows it is
/// gone (<see cref="DeletedOnServer"/>), Apply re-creates it from your text, and says so first.
/// </summary>
public sealed class YamlEditSession(IKubeObjectClient objects)
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

    private async Task<bool> RunAsync(string text, bool dryRun, CancellationToken cancellationToken)
    {
        if (!TryParse(text, out var documents))
        {
            return false;
        }

        if (documents.Count == 0)
        {
            TextError = "There is nothing to apply: the text holds no document.";
            return false;
        }

        Diff = TextDiff.Lines(BaseText, YamlText.ToYaml(documents));
        return Target is not null && _base is not null
            ? await RunOneAsync(Target, documents, dryRun, cancellationToken)
            : await RunManyAsync(documents, dryRun, cancellationToken);
    }

    private async Task<bool> RunOneAsync(ObjectRef target, IReadOnlyList<JsonObject> documents, bool dryRun, CancellationToken cancellationToken)
    {
        if (documents.Count != 1)
        {
            TextError = $"Editing {target}: the text must hold exactly that one object, not {documents.Count} documents.";
            return false;
        }

        var yours = documents[0];
        var edited = RefOf(yours, out var error);
        if (edited is null || edited != target)
        {
            TextError = error ?? $"This editor holds {target}; the text now names {edited}. Rename by creating a new object instead.";
            return false;
        }

        if (DeletedOnServer)
        {
            return await RecreateAsync(target, yours, dryRun, cancellationToken);
        }

        // Always against the version that was loaded: if the server moved on, this is a conflict, not an overwrite.
        yours["metadata"]!["resourceVersion"] = _base!["metadata"]?["resourceVersion"]?.DeepClone();
        var result = await objects.ReplaceAsync(target, yours, dryRun, cancellationToken);
        if (result.Conflict || result.NotFound)
        {
            var server = await objects.GetAsync(target, cancellationToken);
            if (server is null)
            {
                DeletedOnServer = true;
                TextError = $"{target} was deleted on the server meanwhile. Nothing was written and your text is kept; Apply again re-creates it from your text.";
                return false;
            }

            ShowConflict(yours, server);
            Results = [new YamlDocumentResult(0, target.ToString(), false, result.Message, [])];
            return false;
        }

        Results = [new YamlDocumentResult(0, target.ToString(), result.Succeeded, result.Message, result.Errors) { Warnings = result.Warnings }];
        if (!result.Succeeded)
        {
            return false;
        }

        if (dryRun)
        {
            Stage = YamlEditStage.Reviewed;
        }
        else
        {
            SetBase(result.Object!);
            EditorText = BaseText;
            Diff = [];
            Stage = YamlEditStage.Applied;
        }

        return true;
    }

    /// <summary>
    /// Creates the deleted object again from your text (server-side apply, without the old identity). If someone else
    /// created it meanwhile, that is a conflict against their version instead: still nothing is overwritten.
    /// </summary>
    private async Task<bool> RecreateAsync(ObjectRef target, JsonObject yours, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun && await objects.GetAsync(target, cancellationToken) is { } again)
        {
            DeletedOnServer = false;
            ShowConflict(yours, again);
            Results = [new YamlDocumentResult(0, target.ToString(), false, $"{target} was created again on the server meanwhile; nothing was written.", [])];
            return false;
        }

        var body = StripForEditing(yours);
        if (body["metadata"] is JsonObject metadata)
        {
            foreach (var field in new[] { "resourceVersion", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                metadata.Remove(field);
            }
        }

        var result = await objects.ApplyAsync(target, body, dryRun, cancellationToken);
        Results = [new YamlDocumentResult(0, target.ToString(), result.Succeeded, result.Succeeded && !dryRun ? null : result.Message, result.Errors) { Warnings = result.Warnings }];
        if (!result.Succeeded)
        {
            return false;
        }

        if (dryRun)
        {
            Stage = YamlEditStage.Reviewed;
            return true;
        }

        DeletedOnServer = false;
        SetBase(result.Object!);
        EditorText = BaseText;
        Diff = [];
        Stage = YamlEditStage.Applied;
        return true;
    }

    private void ShowConflict(JsonObject yours, JsonObject server)
    {
        var serverEdit = StripForEditing(server);
        var mine = StripForEditing(yours);
        (mine["metadata"] as JsonObject)?.Remove("resourceVersion");
        if (_base!["metadata"]?["resourceVersion"] is { } loaded && mine["metadata"] is JsonObject metadata)
        {
            metadata["resourceVersion"] = loaded.DeepClone(); // yours is an edit of the loaded version
        }

        var merge = ThreeWayMerge.Merge(_base, mine, serverEdit);
        Conflict = new YamlConflict(BaseText, YamlText.ToYaml(mine), YamlText.ToYaml(serverEdit), YamlText.ToYaml(merge.Merged),
            merge.Conflicts, merge.YourChanges, merge.TheirChanges)
        {
            ServerResourceVersion = serverEdit["metadata"]?["resourceVersion"]?.GetValue<string>(),
        };
        Stage = YamlEditStage.Conflict;
    }

    private async Task<bool> RunManyAsync(IReadOnlyList<JsonObject> documents, bool dryRun, CancellationToken cancellationToken)
    {
        var targets = new List<ObjectRef>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (RefOf(documents[i], out var error) is not { } target)
            {
                TextError = $"Document {i + 1}: {error}";
                return false;
            }

            targets.Add(target);
        }

        // A dry run of every document first: one refusal and nothing is written.
        var results = new List<YamlDocumentResult>();
        for (var i = 0; i < documents.Count; i++)
        {
            var check = await objects.ApplyAsync(targets[i], documents[i], dryRun: true, cancellationToken);
            results.Add(new YamlDocumentResult(i, targets[i].ToString(), check.Succeeded, check.Message, check.Errors) { Warnings = check.Warnings });
        }

        Results = results;
        if (results.Any(r => !r.Succeeded))
        {
            return false;
        }

        if (dryRun)
        {
            Stage = YamlEditStage.Reviewed;
            return true;
        }

        results.Clear();
        for (var i = 0; i < documents.Count; i++)
        {
            var applied = await objects.ApplyAsync(targets[i], documents[i], dryRun: false, cancellationToken);
            results.Add(new YamlDocumentResult(i, targets[i].ToString(), applied.Succeeded, applied.Message, applied.Errors) { Warnings = applied.Warnings });
        }

        Results = results;
        Stage = results.All(r => r.Succeeded) ? YamlEditStage.Applied : YamlEditStage.Editing;
        return Stage == YamlEditStage.Applied;
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
        var apiVersion = document["apiVersion"]?.GetValue<string>();
        var kind = document["kind"]?.GetValue<string>();
        var name = document["metadata"]?["name"]?.GetValue<string>();
        var ns = document["metadata"]?["namespace"]?.GetValue<string>();
        error = null;
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            error = "apiVersion and kind are required.";
            return null;
        }

        if (ManagedKind.Find(apiVersion, kind) is not { } managed)
        {
            error = $"{apiVersion} {kind} is not a kind this console manages ({string.Join(", ", ManagedKind.All.Select(k => k.Kind))}).";
            return null;
        }

        if (string.IsNullOrEmpty(name))
        {
            error = "metadata.name is required.";
            return null;
        }

        return new ObjectRef(managed, managed.Namespaced ? (string.IsNullOrEmpty(ns) ? "default" : ns) : null, name);
    }
}
