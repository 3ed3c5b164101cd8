namespace Multinet.Shared.Domain;

/// <summary>What a reconcile step does to a table.</summary>
public enum DataplaneOperationKind
{
    DeleteTable,
    AddTable,
}

/// <summary>One dataplane call the reconciler issues.</summary>
public sealed record DataplaneOperation(DataplaneOperationKind Kind, DataplaneTable Table);
