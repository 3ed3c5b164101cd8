using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Web.Cluster;

/// <summary>What a write to the API did: the stored object, or the field errors / message it was refused with.</summary>
/// <param name="Network">The object as stored, when the write succeeded.</param>
/// <param name="FieldErrors">The fields the API refused, with its messages.</param>
/// <param name="Error">The API's message when it refused.</param>
/// <param name="Warnings">Warning headers the API returned (e.g. an overlapping range).</param>
/// <param name="Conflict">The object changed on the server since it was read: nothing was written.</param>
public sealed record NetworkWriteResult(V3Network? Network, IReadOnlyList<FieldViolation> FieldErrors, string? Error, IReadOnlyList<string> Warnings,
    bool Conflict = false)
{
    public bool Succeeded => Network is not null;
}
