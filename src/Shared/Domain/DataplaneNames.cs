namespace Multinet.Shared.Domain;

/// <summary>How objects this product creates are tagged in the dataplane, so others' objects are never touched.</summary>
public static class DataplaneNames
{
    public const string TablePrefix = "multinet:";

    public static string TableName(string network) => TablePrefix + network;

    /// <summary>The network a table belongs to, or null when the table is not ours.</summary>
    public static string? NetworkOfTable(string? tableName) =>
        tableName is not null && tableName.StartsWith(TablePrefix, StringComparison.Ordinal) ? tableName[TablePrefix.Length..] : null;
}
