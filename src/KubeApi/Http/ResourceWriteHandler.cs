using System.Text.Json.Nodes;
using Multinet.KubeApi.Apply;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Http;

/// <summary>POST, PUT, PATCH (JSON merge, JSON and strategic merge patch) and DELETE, with kube-apiserver's metadata rules and errors.</summary>
internal sealed partial class ResourceWriteHandler(ObjectStore store, TimeProvider timeProvider)
{
    public const string MergePatchMediaType = "application/merge-patch+json";

    public const string JsonPatchMediaType = "application/json-patch+json";

    public async Task CreateAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        var body = await KubeHttp.ReadObjectAsync(context, cancellationToken);
        CheckTypeMeta(resource, body);
        var metadata = KubeHttp.Metadata(body);
        var name = KubeHttp.MetadataString(body, "name");
        if (string.IsNullOrEmpty(name) && KubeHttp.MetadataString(body, "generateName") is { Length: > 0 } prefix)
        {
            name = prefix + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..5];
            metadata["name"] = name;
        }

        if (resource.Namespaced)
        {
            metadata["namespace"] = request.Namespace;
        }

        var validation = ValidationResult.Valid;
        var result = await store.WriteAsync(resource, request.StorageNamespace, name ?? "", (current, siblings) =>
        {
            RequireNamespace(request);
            if (current is not null)
            {
                throw KubeStatus.AlreadyExists(resource, name!);
            }

            validation = PrepareCreate(resource, body, name, KubeTime.Format(timeProvider.GetUtcNow()), siblings);
            metadata.Remove("managedFields");
            ManagedFields.RecordUpdate(null, body, KubeHttp.FieldManager(context), KubeTime.Format(timeProvider.GetUtcNow()), !resource.HasStatusSubresource);
            return WriteIntent.Put(body);
        }, KubeHttp.IsDryRun(context), cancellationToken);

        KubeHttp.AddWarnings(context, validation.Warnings);
        await KubeHttp.WriteJsonAsync(context, 201, result.Object, cancellationToken);
    }

    /// <summary>
    /// What the server sets on every new object, however it is created (POST or server-side apply): uid, creation time,
    /// generation 1, no deletion or resourceVersion, no status where status is a subresource; then the kind's defaults and
    /// assigned fields, and validation (throws 422 when invalid).
    /// </summary>
    private ValidationResult PrepareCreate(ResourceDescriptor resource, JsonObject body, string? name, string now, IReadOnlyList<JsonObject> siblings)
    {
        var metadata = KubeHttp.Metadata(body);
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = now;
        metadata["generation"] = 1;
        foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            metadata.Remove(field);
        }

        if (resource.HasStatusSubresource)
        {
            body.Remove("status");
        }

        resource.OnCreate(body);
        if (resource.AssignOnCreate(body, siblings) is { Count: > 0 } unassignable)
        {
            throw KubeStatus.Invalid(resource, name, unassignable);
        }

        return Validate(resource, body, name, siblings);
    }

    public async Task UpdateAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var body = await KubeHttp.ReadObjectAsync(context, cancellationToken);
        if (request.Subresource != ScaleSubresource.Name)
        {
            CheckTypeMeta(request.Resource, body);
        }

        var bodyName = KubeHttp.MetadataString(body, "name");
        if (bodyName != request.Name)
        {
            throw KubeStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        await ReplaceAsync(context, request, _ => body, cancellationToken);
    }

    public async Task PatchAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        Func<JsonObject, JsonObject> build;
        switch (contentType)
        {
            case MergePatchMediaType:
                var merge = await KubeHttp.ReadObjectAsync(context, cancellationToken);
                build = current => JsonMergePatch.Apply(current, merge)!.AsObject();
                break;
            case JsonPatchMediaType:
                var operations = KubeHttp.ParseJson(await KubeHttp.ReadTextAsync(context, cancellationToken));
                build = current => JsonPatch.Apply(current, operations);
                break;
            case StrategicMergePatch.MediaType when !request.Resource.IsCustomResource:
                var strategic = await KubeHttp.ReadObjectAsync(context, cancellationToken);
                build = current => StrategicMergePatch.Apply(current, strategic);
                break;
            case ServerSideApply.MediaType:
                await ApplyAsync(context, request, cancellationToken);
                return;
            default:
                throw KubeStatus.UnsupportedMediaType(contentType);
        }

        await ReplaceAsync(context, request, build, cancellationToken);
    }

    /// <summary>The shared path of PUT and PATCH: build the candidate from the current object, keep what clients may not change, validate, store.</summary>
    private async Task ReplaceAsync(HttpContext context, ResourceRequest request, Func<JsonObject, JsonObject> buildCandidate, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        var name = request.Name!;
        var statusOnly = request.Subresource == "status";
        if (request.Subresource == ScaleSubresource.Name)
        {
            // The request changes the workload's Scale; the workload takes its replicas and is stored as usual.
            var changeScale = buildCandidate;
            buildCandidate = current => ScaleSubresource.Apply(current.DeepClone().AsObject(), changeScale(ScaleSubresource.Of(current)));
        }

        var validation = ValidationResult.Valid;
        var result = await store.WriteAsync(resource, request.StorageNamespace, name, (current, siblings) =>
        {
            if (current is null)
            {
                throw KubeStatus.NotFound(resource, name);
            }

            var candidate = buildCandidate(current.DeepClone().AsObject());
            CheckTypeMeta(resource, candidate);
            var requestedVersion = KubeHttp.MetadataString(candidate, "resourceVersion");
            var currentVersion = KubeHttp.MetadataString(current, "resourceVersion");
            if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != currentVersion)
            {
                throw KubeStatus.Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            if (statusOnly)
            {
                // The status subresource changes status and nothing else.
                var statusCandidate = current.DeepClone().AsObject();
                CopyStatus(candidate, statusCandidate);
                candidate = statusCandidate;
            }
            else if (resource.HasStatusSubresource)
            {
                CopyStatus(current, candidate);
            }

            KeepServerMetadata(current, candidate);
            KeepManagedFields(current, candidate);
            if (JsonNode.DeepEquals(current, candidate))
            {
                return WriteIntent.NoOp(current);
            }

            BumpGeneration(current, candidate);
            if (!statusOnly)
            {
                ManagedFields.RecordUpdate(current, candidate, KubeHttp.FieldManager(context), KubeTime.Format(timeProvider.GetUtcNow()), !resource.HasStatusSubresource);
            }

            validation = Validate(resource, candidate, name, siblings);
            var finalizers = candidate["metadata"]?["finalizers"] as JsonArray;
            return candidate["metadata"]?["deletionTimestamp"] is not null && finalizers is null or { Count: 0 }
                ? WriteIntent.Delete(candidate)
                : WriteIntent.Put(candidate);
        }, KubeHttp.IsDryRun(context), cancellationToken);

        KubeHttp.AddWarnings(context, validation.Warnings);
        await KubeHttp.WriteJsonAsync(context, 200, request.Subresource == ScaleSubresource.Name ? ScaleSubresource.Of(result.Object) : result.Object,
            cancellationToken);
    }

    private ValidationResult Validate(ResourceDescriptor resource, JsonObject candidate, string? name, IReadOnlyList<JsonObject> siblings)
    {
        var result = resource.Validate(candidate, siblings);
        if (!result.IsValid)
        {
            throw KubeStatus.Invalid(resource, name, result.Errors);
        }

        var warnings = resource.Warn(candidate, store.Get);
        return warnings.Count == 0 ? result : result with { Warnings = [.. result.Warnings, .. warnings] };
    }

    /// <summary>Like kube-apiserver: a namespaced object can only be created in a namespace that exists.</summary>
    private void RequireNamespace(ResourceRequest request)
    {
        if (request.Resource.Namespaced && store.Get(BuiltInResources.Namespaces, "", request.StorageNamespace) is null)
        {
            throw KubeStatus.NotFound(BuiltInResources.Namespaces, request.StorageNamespace);
        }
    }
}
