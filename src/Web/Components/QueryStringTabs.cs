using Microsoft.AspNetCore.Components;

namespace Multinet.Web.Components;

/// <summary>
/// A page's tabs kept in the URL (<c>?tab=mesh</c>), so a link or a reload opens the same tab: the first tab is the default
/// and leaves <c>tab</c> out of the URL, an unknown name opens the first tab, and switching replaces the history entry.
/// </summary>
public sealed class QueryStringTabs(params string[] names)
{
    public const string QueryParameter = "tab";

    /// <summary>The tab names in display order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>The index of the tab the URL names (<c>tab</c>'s value, null when absent).</summary>
    public int IndexOf(string? tab) => Math.Max(0, Array.IndexOf(names, tab ?? names[0]));

    /// <summary>Puts the tab at <paramref name="index"/> in the URL.</summary>
    public void Select(NavigationManager navigation, int index)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        navigation.NavigateTo(navigation.GetUriWithQueryParameter(QueryParameter, index <= 0 || index >= names.Length ? null : names[index]), replace: true);
    }
}
