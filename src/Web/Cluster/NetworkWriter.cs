using System.Text.Json.Nodes;
using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Web.Cluster;

/// <summary>
/// The Networks form's writes, through the console's one write path (<see cref="KubeObjectClient"/>), with the API's
/// refusals shaped for a form: field errors, a stale resourceVersion as a conflict, and a taken name as an error on the
/// name field rather than a conflict (the form creates; it has nothing to merge).
/// </summary>
internal sealed class NetworkWriter(KubeObjectClient objects) : INetworkWriter
{
    public async Task<NetworkWriteResult> CreateAsync(V3Network network, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        var body = JsonNode.Parse(KubernetesJson.Serialize(network))!.AsObject();
        return ForForm(await objects.CreateClusterObjectAsync(ManagedKind.Network, body, cancellationToken));
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
        return ForForm(await objects.MergePatchClusterObjectAsync(ManagedKind.Network, name, patch, cancellationToken));
    }

    public async Task<string?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var result = await objects.DeleteClusterObjectAsync(ManagedKind.Network, name, cancellationToken);
        return result.Succeeded ? null : result.Message;
    }

    internal static NetworkWriteResult ForForm(ObjectWriteResult result)
    {
        if (result.Object is { } stored)
        {
            return new NetworkWriteResult(KubernetesJson.Deserialize<V3Network>(stored.ToJsonString()), [], null, result.Warnings);
        }

        var causes = result.Errors.Select(e => new FieldViolation(e.Field, e.Reason, e.Message)).ToList();
        if (result.AlreadyExists)
        {
            causes.Add(new FieldViolation(NetworkValidator.NameField, FieldReasons.Duplicate, "a Network with this name already exists."));
        }

        return new NetworkWriteResult(null, causes, result.Message, [], result.Conflict && !result.AlreadyExists);
    }
}
