using System.Text;
using k8s;
using k8s.Autorest;

namespace Multinet.Web.Cluster;

internal sealed partial class KubeObjectClient
{
    /// <summary>
    /// KubeVirt's start, stop or restart of a VirtualMachine: <c>PUT</c> on virt-api's
    /// <c>subresources.kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}/{action}</c>, as the signed-in person (refused
    /// when their role or namespaces do not allow it). KubeVirt answers 202 with no body (the result holds an empty object)
    /// or a Status, which becomes the refusal.
    /// </summary>
    public async Task<ObjectWriteResult> PutVmActionAsync(string @namespace, string name, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(action);
        var (actor, refusal) = await ActorAsync(@namespace);
        if (actor is null)
        {
            return refusal!;
        }

        // KubernetesClient has no call for virt-api's subresources: the client's own HTTP pipeline (TLS, impersonation) and
        // credentials carry a plain PUT.
        var client = (Kubernetes)await access.GetClientAsync(actor, cancellationToken);
        var path = $"apis/subresources.kubevirt.io/v1/namespaces/{Uri.EscapeDataString(@namespace)}/virtualmachines/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(action)}";
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(client.BaseUri, path))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        using var response = await client.HttpClient.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new ObjectWriteResult([], [], null, false);
        }

        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        return Refused(new HttpOperationException($"{(int)response.StatusCode}")
        {
            Response = new HttpResponseMessageWrapper(response, content),
        });
    }
}
