using System.Globalization;
using Multinet.TestSupport;

namespace Multinet.AgentKillDrill;

/// <summary>
/// Networks and pods the drill creates, edits and deletes with kubectl, and what VPP must then hold. Pods are on the agent's
/// node with one memif each; a Network is deleted only after its pods; VNIs are never reused, so a table left behind shows.
/// </summary>
internal sealed class Workload(string kubeconfig, string cacheDir, Random random)
{
    private readonly Dictionary<string, uint> _networks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Network, string Address)> _pods = new(StringComparer.Ordinal);
    private uint _nextVni = 2000;
    private int _nextNetwork;
    private int _nextPod;

    public int Changes { get; private set; }

    public Expected Expected(string self, IReadOnlyList<string> peers) =>
        new(new Dictionary<string, uint>(_networks, StringComparer.Ordinal), self, peers,
            _pods.Keys.Select(MemifSocket).ToHashSet(StringComparer.Ordinal));

    /// <summary>Where VPP listens for a pod's memif (the planner's path for interface memif1 in namespace default).</summary>
    public static string MemifSocket(string pod) => $"/run/vpp/memif/default-{pod}-memif1.sock";

    public async Task ApplyAsync(string yaml, CancellationToken cancellationToken)
    {
        var file = Path.Combine(cacheDir, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml, cancellationToken);
        await KubectlAsync(cancellationToken, "apply", "-f", file);
        File.Delete(file);
    }

    public async Task KubectlAsync(CancellationToken cancellationToken, params string[] args)
    {
        var (exit, output) = await ChildProcess.RunAsync("kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", cacheDir, .. args], cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)}: {output}");
        }
    }

    /// <summary>One random change: create, edit (VNI) or delete a Network, create or delete a pod.</summary>
    public async Task ChangeAsync(CancellationToken cancellationToken)
    {
        var roll = random.Next(100);
        if (_networks.Count < 2 || roll < 25)
        {
            await CreateNetworkAsync(cancellationToken);
        }
        else if (roll < 40)
        {
            var name = Pick(_networks.Keys);
            var vni = _nextVni++;
            await KubectlAsync(cancellationToken, "patch", "networks.projectcalico.org", name, "--type=merge", "-p",
                "{\"spec\":{\"vni\":" + vni.ToString(CultureInfo.InvariantCulture) + "}}");
            _networks[name] = vni;
        }
        else if (roll < 52)
        {
            var name = Pick(_networks.Keys);
            foreach (var pod in _pods.Where(p => p.Value.Network == name).Select(p => p.Key).ToList())
            {
                await DeletePodAsync(pod, cancellationToken);
            }

            await KubectlAsync(cancellationToken, "delete", "networks.projectcalico.org", name);
            await KubectlAsync(cancellationToken, "delete", "network-attachment-definitions.k8s.cni.cncf.io", $"{name}-conf", "-n", "default");
            _networks.Remove(name);
        }
        else if (roll < 80 || _pods.Count == 0)
        {
            await CreatePodAsync(Pick(_networks.Keys), cancellationToken);
        }
        else
        {
            await DeletePodAsync(Pick(_pods.Keys), cancellationToken);
        }

        Changes++;
    }

    private async Task CreateNetworkAsync(CancellationToken cancellationToken)
    {
        var index = _nextNetwork++;
        var name = $"drill-n{index}";
        var vni = _nextVni++;
        var range = $"10.{100 + index / 256}.{index % 256}.0/24";
        await ApplyAsync($$$"""
            apiVersion: projectcalico.org/v3
            kind: Network
            metadata:
              name: {{{name}}}
            spec:
              vni: {{{vni}}}
              range: "{{{range}}}"
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: {{{name}}}-conf
              namespace: default
            spec:
              config: '{"cniVersion":"0.3.0","name":"{{{name}}}","plugins":[{"type":"calico","ipam":{"type":"whereabouts","network":"{{{name}}}"},"dataplane_options":{"type":"grpc","network_name":"{{{name}}}"}}]}'
            """, cancellationToken);
        _networks[name] = vni;
    }

    private async Task CreatePodAsync(string network, CancellationToken cancellationToken)
    {
        var index = _nextPod++;
        var name = $"drill-p{index}";
        var net = int.Parse(network["drill-n".Length..], CultureInfo.InvariantCulture);
        var address = $"10.{100 + net / 256}.{net % 256}.{2 + index % 250}";
        await ApplyAsync($$$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{{name}}}
              namespace: default
              annotations:
                k8s.v1.cni.cncf.io/networks: '[{"name":"{{{network}}}-conf","interface":"memif1","ips":["{{{address}}}/24"]}]'
                k8s.v1.cni.cncf.io/network-status: '[{"name":"default/{{{network}}}-conf","interface":"memif1","ips":["{{{address}}}"]}]'
            spec:
              nodeName: node-1
              containers:
              - name: app
                image: busybox
            """, cancellationToken);
        _pods[name] = (network, address);
    }

    private async Task DeletePodAsync(string pod, CancellationToken cancellationToken)
    {
        await KubectlAsync(cancellationToken, "delete", "pod", pod, "-n", "default", "--grace-period=0", "--force");
        _pods.Remove(pod);
    }

    private string Pick(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list[random.Next(list.Count)];
    }
}
