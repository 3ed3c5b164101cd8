using System.Text.Json.Nodes;
using Multinet.Kube.Yaml;
using Multinet.Web.Cluster;

namespace Multinet.Web.Yaml;

// Review and apply: one object guarded by its resourceVersion, re-creation after a deletion, or many documents at once.
public sealed partial class YamlEditSession
{
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
}
