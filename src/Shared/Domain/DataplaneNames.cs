namespace Multinet.Shared.Domain;

/// <summary>How objects this product creates are tagged in the dataplane, so others' objects are never touched.</summary>
public static class DataplaneNames
{
    public const string TablePrefix = "multinet:";

    public static string TableName(string network) => TablePrefix + network;

    /// <summary>The network a table belongs to, or null when the table is not ours.</summary>
    public static string? NetworkOfTable(string? tableName) =>
        tableName is not null && tableName.StartsWith(TablePrefix, StringComparison.Ordinal) ? tableName[TablePrefix.Length..] : null;

    public const string InterfaceTagPrefix = "mn:";

    /// <summary>VPP keeps at most 63 characters of an interface tag.</summary>
    public const int MaxTagLength = 63;

    /// <summary>
    /// The tag of a pod interface: <c>mn:ns/pod/iface</c>, or, when that does not fit VPP's 63 characters,
    /// <c>mn:</c> and a hash of it (the agent maps tags back through its plan).
    /// </summary>
    public static string InterfaceTag(string podNamespace, string pod, string podInterface)
    {
        var full = $"{InterfaceTagPrefix}{podNamespace}/{pod}/{podInterface}";
        if (full.Length <= MaxTagLength)
        {
            return full;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full));
        return InterfaceTagPrefix + "#" + Convert.ToHexStringLower(hash, 0, 16);
    }

    public static bool IsOurInterfaceTag(string? tag) => tag is not null && tag.StartsWith(InterfaceTagPrefix, StringComparison.Ordinal);
}
