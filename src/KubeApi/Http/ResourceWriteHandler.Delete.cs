using System.Globalization;
using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;

namespace Multinet.KubeApi.Http;

internal sealed partial class ResourceWriteHandler
{
    public async Task DeleteAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        var name = request.Name!;
        if (resource.Undeletable.Contains(name))
        {
            throw KubeStatus.Forbidden(resource, name, $"this {resource.Singular} may not be deleted");
        }

        var options = context.Request.ContentLength > 0 ? await KubeHttp.ReadObjectAsync(context, cancellationToken) : null;
        var result = await store.WriteAsync(resource, request.StorageNamespace, name, Deletion(resource, name, options?["preconditions"], mustExist: true),
            KubeHttp.IsDryRun(context), cancellationToken);
        await KubeHttp.WriteJsonAsync(context, 200, result.Object, cancellationToken);
    }

    /// <summary>
    /// DELETE on a collection: every object matching the label and field selectors is deleted (or, with finalizers,
    /// marked for deletion) one by one, each its own committed write; protected objects are skipped. Answers the list
    /// of what was deleted, as kube-apiserver does.
    /// </summary>
    public async Task DeleteCollectionAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        var matches = Selectors.Parse(KubeHttp.Query(context, "labelSelector"), KubeHttp.Query(context, "fieldSelector"));
        var (items, _) = store.List(resource, resource.Namespaced ? request.Namespace : null);
        var deleted = new JsonArray();
        foreach (var item in items.Select(i => i.Read()).Where(matches))
        {
            var name = KubeHttp.MetadataString(item, "name") ?? "";
            if (resource.Undeletable.Contains(name))
            {
                continue;
            }

            var ns = resource.Namespaced ? KubeHttp.MetadataString(item, "namespace") ?? "" : "";
            var result = await store.WriteAsync(resource, ns, name, Deletion(resource, name, null, mustExist: false), KubeHttp.IsDryRun(context), cancellationToken);
            if (result.Action is not WriteAction.NoOp)
            {
                deleted.Add(result.Object);
            }
        }

        var list = new JsonObject
        {
            ["apiVersion"] = resource.ApiVersion,
            ["kind"] = resource.ListKind,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.Revision.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        };
        await KubeHttp.WriteJsonAsync(context, 200, list, cancellationToken);
    }

    private WriteDecision Deletion(ResourceDescriptor resource, string name, JsonNode? preconditions, bool mustExist) => (current, _) =>
    {
        if (current is null)
        {
            return mustExist ? throw KubeStatus.NotFound(resource, name) : WriteIntent.NoOp([]);
        }

        CheckPreconditions(resource, name, current, preconditions);
        var metadata = KubeHttp.Metadata(current);
        if (metadata["finalizers"] is JsonArray { Count: > 0 })
        {
            // Like kube-apiserver: an object with finalizers only gets a deletionTimestamp and stays until they are removed.
            if (metadata["deletionTimestamp"] is not null)
            {
                return WriteIntent.NoOp(current);
            }

            metadata["deletionTimestamp"] = KubeTime.Format(timeProvider.GetUtcNow());
            metadata["deletionGracePeriodSeconds"] = 0;
            return WriteIntent.Put(current);
        }

        return WriteIntent.Delete(current);
    };
}
