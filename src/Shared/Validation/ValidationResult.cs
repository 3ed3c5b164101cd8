namespace Multinet.Shared.Validation;

/// <summary>Errors block a write; warnings are shown and let it through.</summary>
public sealed record ValidationResult(IReadOnlyList<FieldViolation> Errors, IReadOnlyList<FieldViolation> Warnings)
{
    public static ValidationResult Valid { get; } = new([], []);

    public bool IsValid => Errors.Count == 0;

    /// <summary>The first error for a field, for form fields that show one message.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The first warning for a field.</summary>
    public string? WarningFor(string field) => Warnings.FirstOrDefault(e => e.Field == field)?.Message;
}
