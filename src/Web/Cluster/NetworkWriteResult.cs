using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Web.Cluster;

/// <summary>What a write to the API did: the stored object, or the field errors / message it was refused with.</summary>
public sealed record NetworkWriteResult(V3Network? Network, IReadOnlyList<FieldViolation> FieldErrors, string? Error, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Network is not null;
}
