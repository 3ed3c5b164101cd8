using System.Text.Json.Nodes;
using Multinet.KubeApi.Apply;
using Multinet.KubeApi.Storage;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Http;

internal sealed partial class ResourceWriteHandler
{
    /// <summary>Server-side apply (PATCH application/apply-patch+yaml): create or merge, with field ownership and conflicts.</summary>
    private async Task ApplyAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        var name = request.Name!;
        var manager = KubeHttp.Query(context, "fieldManager");
        if (string.IsNullOrEmpty(manager))
        {
            throw KubeStatus.BadRequest("PATCH with the apply content type requires a fieldManager (fieldManager: Required value: is required for apply patch)");
        }

        var applied = YamlJson.ParseObject(await KubeHttp.ReadTextAsync(context, cancellationToken));
        CheckTypeMeta(resource, applied);
        if (KubeHttp.MetadataString(applied, "name") is { } bodyName && bodyName != name)
        {
            throw KubeStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var force = KubeHttp.QueryFlag(context, "force");
        var now = KubeTime.Format(timeProvider.GetUtcNow());
        var validation = ValidationResult.Valid;
        var created = false;
        var result = await store.WriteAsync(resource, request.StorageNamespace, name, (current, siblings) =>
        {
            if (current is null)
            {
                RequireNamespace(request);
                var body = ServerSideApply.Apply(resource, null, applied, manager, force, now);
                var metadata = KubeHttp.Metadata(body);
                metadata["name"] = name;
                if (resource.Namespaced)
                {
                    metadata["namespace"] = request.Namespace;
                }

                validation = PrepareCreate(resource, body, name, now, siblings);
                created = true;
                return WriteIntent.Put(body);
            }

            if (KubeHttp.MetadataString(applied, "resourceVersion") is { Length: > 0 } rv && rv != KubeHttp.MetadataString(current, "resourceVersion"))
            {
                throw KubeStatus.Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            var candidate = ServerSideApply.Apply(resource, current.DeepClone().AsObject(), applied, manager, force, now);
            if (resource.HasStatusSubresource)
            {
                CopyStatus(current, candidate);
            }

            var managed = candidate["metadata"]?["managedFields"]?.DeepClone();
            KeepServerMetadata(current, candidate);
            KubeHttp.Metadata(candidate)["managedFields"] = managed;
            if (JsonNode.DeepEquals(current, candidate))
            {
                return WriteIntent.NoOp(current);
            }

            BumpGeneration(current, candidate);
            validation = Validate(resource, candidate, name, siblings);
            return WriteIntent.Put(candidate);
        }, KubeHttp.IsDryRun(context), cancellationToken);

        KubeHttp.AddWarnings(context, validation.Warnings);
        await KubeHttp.WriteJsonAsync(context, created ? 201 : 200, result.Object, cancellationToken);
    }
}
