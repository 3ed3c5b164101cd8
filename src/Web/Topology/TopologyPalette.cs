namespace Multinet.Web.Topology;

/// <summary>A stable colour per network: the same name always gets the same colour, in every view and after restarts.</summary>
internal static class TopologyPalette
{
    private static readonly string[] s_colors =
    [
        "#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00acc1", "#6d4c41", "#3949ab", "#c0ca33", "#d81b60",
        "#00897b", "#5e35b1", "#f4511e", "#7cb342", "#039be5", "#546e7a",
    ];

    private static readonly Dictionary<string, string> s_named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["blue"] = "#1e88e5", ["red"] = "#e53935", ["green"] = "#43a047", ["orange"] = "#fb8c00", ["purple"] = "#8e24aa",
    };

    public const string DefaultNetwork = "#757575";

    public static string For(string network)
    {
        if (s_named.TryGetValue(network, out var named))
        {
            return named;
        }

        var hash = 2166136261u;
        foreach (var c in network)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return s_colors[hash % (uint)s_colors.Length];
    }
}
