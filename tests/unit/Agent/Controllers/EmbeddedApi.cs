using k8s.Models;
using k8s;
using Microsoft.Extensions.Options;
using Multinet.Agent.Kubernetes;
using Multinet.Agent;
using Multinet.UnitTests.KubeApi;

namespace Multinet.UnitTests.Agent.Controllers;

/// <summary>The console's embedded Kubernetes API hosted in-process, with the agent-side client provider pointed at it.</summary>
public sealed class EmbeddedApi : KubeApiServer
{
    internal KubernetesClientProvider Clients(string nodeName = "node-1") =>
        new(Options.Create(new AgentOptions { NodeName = nodeName, Kubeconfig = Info.KubeconfigPath }));

    /// <summary>A namespace of its own for one test, so tests sharing the server never see each other's objects.</summary>
    public async Task<string> NamespaceAsync(CancellationToken cancellationToken)
    {
        var name = UniqueName("t");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        return name;
    }
}
