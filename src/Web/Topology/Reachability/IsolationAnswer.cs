using System.Collections.Immutable;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// The answer to "is <see cref="A"/> isolated from <see cref="B"/>?" across every reporting node: isolated when no
/// violation is found. <see cref="Notes"/> holds what is worth knowing but is no violation (overlapping ranges, nodes
/// that do not report and so were not checked).
/// </summary>
public sealed record IsolationAnswer
{
    public required string A { get; init; }

    public required string B { get; init; }

    public bool Isolated => Violations.IsEmpty;

    public required ImmutableArray<IsolationViolation> Violations { get; init; }

    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>The nodes whose reports were checked.</summary>
    public ImmutableArray<string> CheckedNodes { get; init; } = [];

    public ImmutableArray<MtuWarning> MtuWarnings { get; init; } = [];

    public required string Basis { get; init; }

    public required DateTime ComputedAt { get; init; }

    public required long SnapshotVersion { get; init; }
}
