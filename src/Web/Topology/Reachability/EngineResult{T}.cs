using System.Collections.Immutable;
using Multinet.Shared.Validation;

namespace Multinet.Web.Topology.Reachability;

/// <summary>An answer, or the field-precise reasons the question could not be asked (malformed or unknown endpoints).</summary>
public sealed record EngineResult<T>(T? Answer, ImmutableArray<FieldViolation> Errors)
    where T : class
{
    public static EngineResult<T> Of(T answer) => new(answer, []);

    public static EngineResult<T> Invalid(IEnumerable<FieldViolation> errors) => new(null, [.. errors]);
}
