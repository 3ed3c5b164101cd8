namespace Multinet.Shared.Validation;

/// <summary>StatusCause reasons, as kube-apiserver names them.</summary>
public static class FieldReasons
{
    public const string Required = "FieldValueRequired";
    public const string Invalid = "FieldValueInvalid";
    public const string Duplicate = "FieldValueDuplicate";
    public const string Forbidden = "FieldValueForbidden";
}
