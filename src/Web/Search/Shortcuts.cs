namespace Multinet.Web.Search;

/// <summary>A keyboard shortcut as the help dialog lists it.</summary>
public sealed record Shortcut(string Keys, string Description);

/// <summary>The console's keyboard shortcuts (handled in wwwroot/js/shortcuts.js), and where each "g" shortcut goes.</summary>
public static class Shortcuts
{
    public static IReadOnlyDictionary<string, (string Href, string Page)> GoTo { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["h"] = ("", "Overview"),
        ["n"] = ("networks", "Networks"),
        ["d"] = ("nodes", "Nodes"),
        ["m"] = ("memif", "Memif"),
        ["t"] = ("timeline", "Timeline"),
        ["y"] = ("yaml", "YAML editor"),
    };

    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new("/", "Search networks, nodes and pages"),
        new("?", "Show these shortcuts"),
        new("p", "Pause or resume live updates in this tab"),
        .. GoTo.Select(g => new Shortcut($"g {g.Key}", $"Go to {g.Value.Page}")),
        new("Esc", "Close a dialog"),
    ];
}
