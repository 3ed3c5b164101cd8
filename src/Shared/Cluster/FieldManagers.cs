using k8s.Models;

namespace Multinet.Shared.Cluster;

/// <summary>Who wrote an object, as the API server records it in <c>metadata.managedFields</c>.</summary>
public static class FieldManagers
{
    /// <summary>What the console shows when the API does not say who wrote an object.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// The field manager (kubectl-client-side-apply, multinet-console...) of the newest managedFields entry that wrote the
    /// object itself, not a subresource such as status; on a tie of timestamps the later entry. Null without managedFields.
    /// </summary>
    public static string? LastWriter(V1ObjectMeta? metadata) => LastWrite(metadata)?.Manager;

    /// <summary>The managedFields entry <see cref="LastWriter"/> names (its manager and time); null without one.</summary>
    public static V1ManagedFieldsEntry? LastWrite(V1ObjectMeta? metadata) =>
        metadata?.ManagedFields?
            .Select((entry, index) => (entry, index))
            .Where(e => e.entry.Operation is "Update" or "Apply" && string.IsNullOrEmpty(e.entry.Subresource) && !string.IsNullOrEmpty(e.entry.Manager))
            .OrderByDescending(e => e.entry.Time ?? DateTime.MinValue).ThenByDescending(e => e.index)
            .Select(e => e.entry)
            .FirstOrDefault();
}
