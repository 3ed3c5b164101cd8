using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Web.Auth;

namespace Multinet.Web.Cluster;

/// <summary>
/// The outcome of a write: the object as the API returned it, or why it was refused (a conflict, field causes, a
/// message). <see cref="Conflict"/> is every 409: the object changed since it was read, or (<see cref="AlreadyExists"/>)
/// someone created it meanwhile; either way nothing was written.
/// </summary>
public sealed record ObjectWriteResult(JsonObject? Object, IReadOnlyList<ObjectFieldError> Errors, string? Message, bool Conflict, bool NotFound = false)
{
    public bool Succeeded => Object is not null;

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The 409 was a create of a name that exists (Status reason AlreadyExists), not a stale resourceVersion.</summary>
    public bool AlreadyExists { get; init; }
}

/// <summary>One cause of a 422: the field path the API named, its message and its reason (FieldValueInvalid, ...).</summary>
public sealed record ObjectFieldError(string Field, string Message, string Reason = "FieldValueInvalid");

/// <summary>Reads and writes the objects the console manages as JSON, whatever their kind.</summary>
public interface IKubeObjectClient
{
    Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken cancellationToken);

    Task<IReadOnlyList<JsonObject>> ListAsync(ManagedKind kind, CancellationToken cancellationToken);

    /// <summary>PUT: guarded by the object's metadata.resourceVersion, so a concurrent change is a conflict, never overwritten.</summary>
    Task<ObjectWriteResult> ReplaceAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken);

    /// <summary>Server-side apply as the console's field manager: creates or updates.</summary>
    Task<ObjectWriteResult> ApplyAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken);
}

/// <summary>
/// The console's one write path to the Kubernetes API, on KubernetesClient: custom resources through the CustomObjects
/// API, Services through CoreV1, every write as the signed-in person of the page (refused when their role or namespaces do
/// not allow it; named in the field manager; impersonated on a real cluster). Refusals become
/// <see cref="ObjectWriteResult"/>s with the API's own causes under one rule (<see cref="Refused"/>). The Networks form
/// (<see cref="NetworkWriter"/>) and the YAML editor both write through it.
/// </summary>
internal sealed partial class KubeObjectClient(ClusterAccess access, CurrentUser user, DeletionAuthors deletions) : IKubeObjectClient
{

    public async Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var client = await access.GetClientAsync(cancellationToken);
        try
        {
            return target.Kind == ManagedKind.Service
                ? ToJson(await client.CoreV1.ReadNamespacedServiceAsync(target.Name, target.Namespace, cancellationToken: cancellationToken))
                : target.Kind.Namespaced
                    ? ToJson(await client.CustomObjects.GetNamespacedCustomObjectAsync(target.Kind.Group, target.Kind.Version, target.Namespace, target.Kind.Plural, target.Name, cancellationToken))
                    : ToJson(await client.CustomObjects.GetClusterCustomObjectAsync(target.Kind.Group, target.Kind.Version, target.Kind.Plural, target.Name, cancellationToken));
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(ManagedKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var client = await access.GetClientAsync(cancellationToken);
        try
        {
            JsonObject? list = kind == ManagedKind.Service
                ? ToJson(await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken))
                : ToJson(await client.CustomObjects.ListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, cancellationToken: cancellationToken));
            return [.. (list?["items"] as JsonArray ?? []).OfType<JsonObject>().Select(item => WithType(item, kind))];
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return []; // the kind is not installed on this cluster
        }
    }

    public async Task<ObjectWriteResult> ReplaceAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        var (actor, refusal) = await ActorAsync(target.Kind.Namespaced ? target.Namespace : null);
        if (actor is null)
        {
            return refusal!;
        }

        var client = await access.GetClientAsync(actor, cancellationToken);
        var dry = dryRun ? "All" : null;
        var fieldManager = actor.FieldManager;
        return await WriteAsync(async () => target.Kind == ManagedKind.Service
            ? Result(await client.CoreV1.ReplaceNamespacedServiceWithHttpMessagesAsync(
                KubernetesJson.Deserialize<V1Service>(body.ToJsonString()), target.Name, target.Namespace, dry, fieldManager, cancellationToken: cancellationToken))
            : target.Kind.Namespaced
                ? Result(await client.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                    Element(body), target.Kind.Group, target.Kind.Version, target.Namespace, target.Kind.Plural, target.Name, dry, fieldManager, cancellationToken: cancellationToken))
                : Result(await client.CustomObjects.ReplaceClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                    Element(body), target.Kind.Group, target.Kind.Version, target.Kind.Plural, target.Name, dry, fieldManager, cancellationToken: cancellationToken)));
    }

    public async Task<ObjectWriteResult> ApplyAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        var (actor, refusal) = await ActorAsync(target.Kind.Namespaced ? target.Namespace : null);
        if (actor is null)
        {
            return refusal!;
        }

        var client = await access.GetClientAsync(actor, cancellationToken);
        var dry = dryRun ? "All" : null;
        var fieldManager = actor.FieldManager;
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        return await WriteAsync(async () => target.Kind == ManagedKind.Service
            ? Result(await client.CoreV1.PatchNamespacedServiceWithHttpMessagesAsync(patch, target.Name, target.Namespace, dry, fieldManager, cancellationToken: cancellationToken))
            : target.Kind.Namespaced
                ? Result(await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                    patch, target.Kind.Group, target.Kind.Version, target.Namespace, target.Kind.Plural, target.Name, dry, fieldManager, cancellationToken: cancellationToken))
                : Result(await client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                    patch, target.Kind.Group, target.Kind.Version, target.Kind.Plural, target.Name, dry, fieldManager, cancellationToken: cancellationToken)));
    }

    /// <summary>POST: creates a cluster-scoped custom resource; a name that exists is a conflict with <see cref="ObjectWriteResult.AlreadyExists"/>.</summary>
    public async Task<ObjectWriteResult> CreateClusterObjectAsync(ManagedKind kind, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(body);
        var (actor, refusal) = await ActorAsync(null);
        if (actor is null)
        {
            return refusal!;
        }

        var client = await access.GetClientAsync(actor, cancellationToken);
        return await WriteAsync(async () => Result(await client.CustomObjects.CreateClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
            Element(body), kind.Group, kind.Version, kind.Plural, fieldManager: actor.FieldManager, cancellationToken: cancellationToken)));
    }

    /// <summary>POST: creates a namespaced custom resource (a VirtualMachine); a name that exists is a conflict with <see cref="ObjectWriteResult.AlreadyExists"/>.</summary>
    public async Task<ObjectWriteResult> CreateNamespacedObjectAsync(ManagedKind kind, string @namespace, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(body);
        var (actor, refusal) = await ActorAsync(@namespace);
        if (actor is null)
        {
            return refusal!;
        }

        var client = await access.GetClientAsync(actor, cancellationToken);
        return await WriteAsync(async () => Result(await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
            Element(body), kind.Group, kind.Version, @namespace, kind.Plural, fieldManager: actor.FieldManager, cancellationToken: cancellationToken)));
    }

    /// <summary>JSON merge patch of a cluster-scoped custom resource; a metadata.resourceVersion in the patch guards it.</summary>
    public async Task<ObjectWriteResult> MergePatchClusterObjectAsync(ManagedKind kind, string name, JsonObject patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(patch);
        var (actor, refusal) = await ActorAsync(null);
        if (actor is null)
        {
            return refusal!;
        }

        var client = await access.GetClientAsync(actor, cancellationToken);
        return await WriteAsync(async () => Result(await client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), kind.Group, kind.Version, kind.Plural, name,
            fieldManager: actor.FieldManager, cancellationToken: cancellationToken)));
    }

    /// <summary>Deletes a cluster-scoped custom resource; the result holds what the API answered (the object, or a Status).</summary>
    public async Task<ObjectWriteResult> DeleteClusterObjectAsync(ManagedKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var (actor, refusal) = await ActorAsync(null);
        if (actor is null)
        {
            return refusal!;
        }

        var client = await access.GetClientAsync(actor, cancellationToken);
        deletions.Record(kind.Kind, name, actor.FieldManager); // before: the watch may see the deletion before the answer
        var result = await WriteAsync(async () => Result(await client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
            kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellationToken)));
        if (!result.Succeeded)
        {
            deletions.Forget(kind.Kind, name);
        }

        return result;
    }

    /// <summary>The signed-in person a write in <paramref name="namespace"/> (null: cluster-scoped) goes as, or the refusal saying why not.</summary>
    private async Task<(WriteActor? Actor, ObjectWriteResult? Refusal)> ActorAsync(string? @namespace)
    {
        var principal = await user.GetAsync();
        return AccessRules.WriteRefusal(principal, @namespace) is { } refusal
            ? (null, new ObjectWriteResult(null, [], refusal, false))
            : (WriteActor.Of(principal), null);
    }

    private static async Task<ObjectWriteResult> WriteAsync(Func<Task<ObjectWriteResult>> write)
    {
        try
        {
            return await write();
        }
        catch (HttpOperationException ex)
        {
            return Refused(ex);
        }
    }

    private static ObjectWriteResult Result<T>(HttpOperationResponse<T> response)
    {
        using (response)
        {
            var warnings = response.Response.Headers.TryGetValues("Warning", out var values)
                ? values.Select(v => v.StartsWith("299 - ", StringComparison.Ordinal) ? v[6..].Trim('"') : v).ToList()
                : [];
            return new ObjectWriteResult(ToJson(response.Body), [], null, false) { Warnings = warnings };
        }
    }

    /// <summary>The one rule for a refusal: the Status's causes and message; 409 is a conflict, 404 not found.</summary>
    internal static ObjectWriteResult Refused(HttpOperationException ex)
    {
        V1Status? status = null;
        try
        {
            status = string.IsNullOrEmpty(ex.Response.Content) ? null : KubernetesJson.Deserialize<V1Status>(ex.Response.Content);
        }
        catch (JsonException)
        {
            // not a Status body: the message below says what came back
        }

        var errors = status?.Details?.Causes?
            .Select(c => new ObjectFieldError(c.Field ?? "", c.Message ?? c.Reason ?? "", c.Reason ?? "FieldValueInvalid")).ToList() ?? [];
        var message = status?.Message is { Length: > 0 } text
            ? text
            : $"The API refused the request ({(int)ex.Response.StatusCode} {ex.Response.ReasonPhrase}){(string.IsNullOrEmpty(ex.Response.Content) ? "" : $": {ex.Response.Content}")}.";
        return new ObjectWriteResult(null, errors, message, ex.Response.StatusCode == HttpStatusCode.Conflict, ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            AlreadyExists = ex.Response.StatusCode == HttpStatusCode.Conflict && status?.Reason == "AlreadyExists",
        };
    }

    private static JsonElement Element(JsonObject body) => JsonSerializer.SerializeToElement(body);

    private static JsonObject? ToJson(object? value) => value switch
    {
        null => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject,
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)) as JsonObject,
    };

    private static JsonObject WithType(JsonObject item, ManagedKind kind)
    {
        // Items of a list omit apiVersion and kind on some servers; an exported file needs them.
        item["apiVersion"] ??= kind.ApiVersion;
        item["kind"] ??= kind.Kind;
        return item;
    }
}
