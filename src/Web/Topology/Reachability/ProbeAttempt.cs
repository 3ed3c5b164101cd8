using System.Collections.Immutable;
using Multinet.Shared.Validation;

namespace Multinet.Web.Topology.Reachability;

/// <summary>A probe's answer, or the field-precise reasons it could not be sent, or that the user's probe allowance is spent.</summary>
public sealed record ProbeAttempt(ProbeAnswer? Answer, ImmutableArray<FieldViolation> Errors, bool IsLimited)
{
    public static ProbeAttempt Limited { get; } = new(null, [], true);

    public static ProbeAttempt Of(ProbeAnswer answer) => new(answer, [], false);

    public static ProbeAttempt Invalid(IEnumerable<FieldViolation> errors) => new(null, [.. errors], false);
}
