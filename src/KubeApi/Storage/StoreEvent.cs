namespace Multinet.KubeApi.Storage;

/// <summary>One committed change: ADDED, MODIFIED or DELETED, with the object's JSON as of that change.</summary>
internal sealed record StoreEvent(string Type, ObjectKey Key, long ResourceVersion, string Json);
