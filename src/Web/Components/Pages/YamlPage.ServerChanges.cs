using Multinet.Web.State;
using Multinet.Web.Yaml;

namespace Multinet.Web.Components.Pages;

// Following the open object on the server: the shared cache's news, what changed, and the notice's choices.
public sealed partial class YamlPage
{
    protected override void OnSnapshot() => Follow(Snapshot);

    /// <summary>Paused live updates hold back the pages' tables, not the news that the open object changed.</summary>
    protected override void OnPausedBatch(LiveBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Follow(batch.Snapshot))
        {
            StateHasChanged();
        }
    }

    /// <summary>Compares the shared cache with the loaded version; while a write is in flight, after it (so the page's own apply is no news).</summary>
    private bool Follow(LiveSnapshot snapshot)
    {
        if (_busy)
        {
            return false; // RunAsync looks again when the write is done
        }

        if (_follower.Observe(snapshot, _session, Clock.GetUtcNow().UtcDateTime) is not { } notice)
        {
            return false;
        }

        if (!notice.Deleted)
        {
            _candidate = notice; // after this render: read it once, to tell a change from a status update
            return true;
        }

        _notice = notice;
        _reloaded = null;
        _confirmReload = false;
        _session.MarkDeletedOnServer();
        return true;
    }

    /// <summary>
    /// A newer version in the cache: what changed, as the editor shows it? Nothing (a status update): the guard moves
    /// on quietly. Something: the notice, or, for an editor holding no edit, the new version loaded and said so.
    /// </summary>
    private async Task CheckServerAsync(ServerNotice candidate)
    {
        ServerCheck? check = null;
        try
        {
            await RunAsync(async () => check = await _session.CheckServerAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            check = new ServerCheck(Deleted: false, Changed: true, candidate.ResourceVersion, []); // the cache's news, without the fields
        }

        if (check is null || (!check.Deleted && !check.Changed))
        {
            StateHasChanged(); // the buttons held while reading
            return;
        }

        _confirmReload = false;
        _reloaded = null;
        _notice = check.Deleted
            ? candidate with { Deleted = true, ResourceVersion = null, Manager = null }
            : candidate with { ResourceVersion = check.ResourceVersion ?? candidate.ResourceVersion, ChangedFields = check.ChangedFields };
        if (!check.Deleted && !await HasEditsAsync())
        {
            var notice = _notice;
            await RunAsync(LoadAsync);
            _reloaded = notice with { Reloaded = true };
        }

        StateHasChanged();
    }

    /// <summary>Whether the editor holds text other than the loaded version (an edit not applied yet).</summary>
    private async Task<bool> HasEditsAsync()
    {
        if (_editor is null || !_editorReady)
        {
            return false; // the editor has not started: nothing can have been typed
        }

        var text = await _editor.GetValue() ?? "";
        return !string.Equals(text.ReplaceLineEndings("\n").TrimEnd(), _session.BaseText.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);
    }

    /// <summary>The notice's "Show changes": base, yours and the server's version with the merge; your text stays in the editor.</summary>
    private Task ShowServerChangesAsync() => RunAsync(async () =>
    {
        _reloaded = null;
        await _session.CompareWithServerAsync(await EditorValueAsync(), CancellationToken.None);
    });

    /// <summary>The notice's "Reload": discards an edit for the server's version, after a confirmation when there is an edit.</summary>
    private async Task ReloadFromServerAsync()
    {
        if (!_confirmReload && await HasEditsAsync())
        {
            _confirmReload = true;
            return;
        }

        _confirmReload = false;
        await RunAsync(LoadAsync);
    }

    private void KeepEditing() => _confirmReload = false;
}
