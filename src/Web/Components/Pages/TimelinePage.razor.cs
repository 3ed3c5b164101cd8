using Microsoft.AspNetCore.Components;
using Multinet.Web.Timeline;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// The audit timeline, newest first, filtered by what is in the URL (<c>?name=&amp;object=&amp;kind=&amp;node=&amp;actor=&amp;q=</c>):
/// each change with who made it and, under it, each node's result. New entries appear as the recorder stores them;
/// older ones load a page at a time.
/// </summary>
public sealed partial class TimelinePage
{
    private const int PageSize = 50;
    private List<TimelineEntry> _entries = [];
    private List<TimelineGroup> _groups = [];
    private long? _next;
    private bool _loading = true;
    private string? _error;
    private int _refreshQueued;

    [SupplyParameterFromQuery(Name = "name")]
    public string? Name { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "node")]
    public string? Node { get; set; }

    [SupplyParameterFromQuery(Name = "object")]
    public string? ObjectKind { get; set; }

    [SupplyParameterFromQuery(Name = "actor")]
    public string? Actor { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    private bool HasFilter => !string.IsNullOrEmpty(Name) || !string.IsNullOrEmpty(Kind) || !string.IsNullOrEmpty(Node) || !string.IsNullOrEmpty(Q)
        || !string.IsNullOrEmpty(ObjectKind) || !string.IsNullOrEmpty(Actor);

    // Prerendered, the page shows the entries once; only the interactive page follows new ones.
    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            Store.Appended += OnAppended;
        }
    }

    protected override Task OnParametersSetAsync() => ReloadAsync();

    public void Dispose() => Store.Appended -= OnAppended;

    private void OnAppended(long newest)
    {
        // One refresh in flight at a time; appends during it are picked up by the reload itself.
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            _ = InvokeAsync(async () =>
            {
                Interlocked.Exchange(ref _refreshQueued, 0);
                await ReloadAsync();
                StateHasChanged();
            });
        }
    }

    private TimelineQuery Query(long? before) => new()
    {
        Name = NullIfEmpty(Name),
        Kind = Enum.TryParse<TimelineEntryKind>(Kind, ignoreCase: true, out var kind) ? kind : null,
        Node = NullIfEmpty(Node),
        Actor = NullIfEmpty(Actor),
        ObjectKind = NullIfEmpty(ObjectKind),
        Text = NullIfEmpty(Q),
        Before = before,
        Limit = PageSize,
    };

    private async Task ReloadAsync()
    {
        try
        {
            var page = await Store.QueryAsync(Query(null), CancellationToken.None);
            _entries = [.. page];
            _groups = TimelineGroup.Group(_entries);
            _next = page.Count == PageSize ? page[^1].Id : null;
            _error = null;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task LoadMoreAsync()
    {
        var page = await Store.QueryAsync(Query(_next), CancellationToken.None);
        _entries.AddRange(page);
        _groups = TimelineGroup.Group(_entries);
        _next = page.Count == PageSize ? page[^1].Id : null;
    }

    private Task SetFilterAsync(string? name = null, string? kind = null, string? node = null, string? q = null, string? actor = null, string? objectKind = null)
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["name"] = NullIfEmpty(name ?? Name),
            ["object"] = NullIfEmpty(objectKind ?? ObjectKind),
            ["actor"] = NullIfEmpty(actor ?? Actor),
            ["kind"] = NullIfEmpty(kind ?? Kind),
            ["node"] = NullIfEmpty(node ?? Node),
            ["q"] = NullIfEmpty(q ?? Q),
        });
        Navigation.NavigateTo(uri, replace: true);
        return Task.CompletedTask;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
