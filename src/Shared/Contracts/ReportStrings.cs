using System.Collections.Concurrent;

#pragma warning disable IDE0130 // partial classes on generated types live in the generated namespace
namespace Multinet.Contracts.Agent.V1;

/// <summary>
/// One shared copy of the strings agents' reports repeat across nodes and items (network and node names, namespaces,
/// interface names and kinds, underlay addresses, routes' prefixes and next hops). Every decoded report otherwise holds
/// its own copies: at 200 nodes × 50 networks the console keeps 80,000 tunnels and 90,000 routes, each naming a network
/// and a node. Bounded: past <see cref="Capacity"/> distinct strings new ones are kept as they come (never evicted, so
/// the pool only ever holds what fits).
/// </summary>
internal static class ReportStrings
{
    public const int Capacity = 200_000;

    private static readonly ConcurrentDictionary<string, string> s_pool = new(StringComparer.Ordinal);

    public static string Share(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (s_pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return s_pool.Count < Capacity ? s_pool.GetOrAdd(value, value) : value;
    }

    public static string? ShareOptional(string? value) => value is null ? null : Share(value);
}
