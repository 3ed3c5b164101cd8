using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;
using Multinet.Web.Auth;

namespace Multinet.Web.Cluster;

/// <summary>
/// Writes Networks to the Kubernetes API, the only store of record, as the signed-in user (a Network is cluster-wide:
/// an operator without namespace limits, or an admin), and turns the API's refusals into field errors.
/// </summary>
internal sealed class NetworkWriter(ClusterAccess access, CurrentUser user, DeletionAuthors deletions) : INetworkWriter
{
    public async Task<NetworkWriteResult> CreateAsync(V3Network network, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        var principal = await user.GetAsync();
        if (AccessRules.WriteRefusal(principal, null) is { } refusal)
        {
            return new NetworkWriteResult(null, [], refusal, []);
        }

        var actor = WriteActor.Of(principal);
        var client = await access.GetClientAsync(actor, cancellationToken);
        try
        {
            using var response = await client.CustomObjects.CreateClusterCustomObjectWithHttpMessagesAsync<V3Network>(
                network, CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, fieldManager: actor.FieldManager,
                cancellationToken: cancellationToken);
            return new NetworkWriteResult(response.Body, [], null, Warnings(response.Response));
        }
        catch (HttpOperationException ex)
        {
            return Refused(ex);
        }
    }

    public async Task<NetworkWriteResult> UpdateSpecAsync(string name, string resourceVersion, NetworkSpec spec, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(resourceVersion);
        ArgumentNullException.ThrowIfNull(spec);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["spec"] = new JsonObject { ["vni"] = spec.Vni, ["range"] = spec.Range, ["physicalNetworkName"] = spec.PhysicalNetworkName ?? "" },
        };
        var principal = await user.GetAsync();
        if (AccessRules.WriteRefusal(principal, null) is { } refusal)
        {
            return new NetworkWriteResult(null, [], refusal, []);
        }

        var actor = WriteActor.Of(principal);
        var client = await access.GetClientAsync(actor, cancellationToken);
        try
        {
            using var response = await client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync<V3Network>(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
                CrdConstants.NetworkPlural, name, fieldManager: actor.FieldManager, cancellationToken: cancellationToken);
            return new NetworkWriteResult(response.Body, [], null, Warnings(response.Response));
        }
        catch (HttpOperationException ex)
        {
            return Refused(ex);
        }
    }

    public async Task<string?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var principal = await user.GetAsync();
        if (AccessRules.WriteRefusal(principal, null) is { } refusal)
        {
            return refusal;
        }

        var actor = WriteActor.Of(principal);
        var client = await access.GetClientAsync(actor, cancellationToken);
        deletions.Record(CrdConstants.NetworkKind, name, actor.FieldManager); // before: the watch may see the deletion before the answer
        try
        {
            await client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
                CrdConstants.NetworkPlural, name, cancellationToken: cancellationToken);
            return null;
        }
        catch (HttpOperationException ex)
        {
            deletions.Forget(CrdConstants.NetworkKind, name);
            return Refused(ex).Error;
        }
    }

    private static List<string> Warnings(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Warning", out var values) ? [.. values] : [];

    /// <summary>Maps a Kubernetes Status (422 causes, 409 conflicts, anything else) to what a form can show.</summary>
    internal static NetworkWriteResult Refused(HttpOperationException exception)
    {
        V1Status? status = null;
        try
        {
            status = KubernetesJson.Deserialize<V1Status>(exception.Response.Content);
        }
        catch (JsonException)
        {
        }

        var causes = status?.Details?.Causes?
            .Select(c => new FieldViolation(c.Field ?? "", c.Reason ?? FieldReasons.Invalid, c.Message ?? ""))
            .ToList() ?? [];
        var message = status?.Message is { Length: > 0 } text
            ? text
            : $"The API refused the request ({(int)exception.Response.StatusCode} {exception.Response.StatusCode}).";
        if (exception.Response.StatusCode == HttpStatusCode.Conflict && status?.Reason == "AlreadyExists")
        {
            causes.Add(new FieldViolation(NetworkValidator.NameField, FieldReasons.Duplicate, "a Network with this name already exists."));
        }

        var conflict = exception.Response.StatusCode == HttpStatusCode.Conflict && status?.Reason == "Conflict";
        return new NetworkWriteResult(null, causes, message, [], conflict);
    }
}
