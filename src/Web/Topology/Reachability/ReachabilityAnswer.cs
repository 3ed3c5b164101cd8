using System.Collections.Immutable;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// The answer to "can <see cref="From"/> reach <see cref="To"/>?", computed from configuration and the agents' reported
/// state (never from traffic: <see cref="Basis"/> says so, with the time and snapshot version it was computed from).
/// <see cref="Hops"/> is the path in order; <see cref="FirstBroken"/> the first hop with <c>Ok == false</c> (or, for an
/// unknown verdict, the first that could not be judged).
/// </summary>
public sealed record ReachabilityAnswer
{
    public required string From { get; init; }

    public required string To { get; init; }

    public required ReachabilityVerdict Verdict { get; init; }

    public required ImmutableArray<ReachabilityHop> Hops { get; init; }

    public ReachabilityHop? FirstBroken { get; init; }

    /// <summary>One sentence: what the verdict rests on.</summary>
    public required string Summary { get; init; }

    /// <summary>"Computed from reported state at …": the answer is not a probe.</summary>
    public required string Basis { get; init; }

    public required DateTime ComputedAt { get; init; }

    public required long SnapshotVersion { get; init; }

    public ImmutableArray<MtuWarning> MtuWarnings { get; init; } = [];

    /// <summary>Every drawn element of the path, in order and without repeats: what the graph highlights.</summary>
    public ImmutableArray<string> ElementIds => [.. Hops.Select(h => h.Element).Distinct(StringComparer.Ordinal)];
}
