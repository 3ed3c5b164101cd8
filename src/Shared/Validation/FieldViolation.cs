namespace Multinet.Shared.Validation;

/// <summary>
/// One problem with one field, in the vocabulary of Kubernetes' StatusCause:
/// <paramref name="Field"/> is a JSON path such as <c>spec.vni</c>, <paramref name="Reason"/> one of
/// <see cref="FieldReasons"/>.
/// </summary>
public sealed record FieldViolation(string Field, string Reason, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
