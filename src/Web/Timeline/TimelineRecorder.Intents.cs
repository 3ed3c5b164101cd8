using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Timeline;

/// <summary>
/// What the cluster intends for the objects the timeline follows, on each node, without planning any node in full: a
/// Service's entries are one computation for every node, a policy's bindings and a NAD's interfaces concern only the
/// nodes hosting pods the policy selects or that are attached through the NAD, and there only the plan of the node's
/// own pods (for a NAD, of those attached through it). Both are the planner's own parts
/// (<see cref="Planner.PlanServiceEntries"/>, <see cref="Planner.PlanLocalPods"/>), so "what a node should hold" stays
/// the planner's alone.
/// </summary>
internal sealed partial class TimelineRecorder
{
    private ClusterIntent? _previousIntent;

    /// <summary>The intent for the batch's snapshot: the previous one while Networks and cluster objects are the same (a batch of node reports).</summary>
    private ClusterIntent IntentOf(LiveSnapshot snapshot) =>
        _previousIntent is { } known && known.Covers(snapshot) ? known : new ClusterIntent(snapshot);

    /// <summary>What the object should be on the node, as comparable text (the same text <see cref="Actual"/> gives of a report).</summary>
    private static string Expected(ClusterIntent intent, string kind, string name, string node) => kind switch
    {
        ServiceKind => intent.ServiceLines(name),
        PolicyKind => intent.MayHold(node, kind, name)
            ? Lines(intent.Local(node).Policies.Where(b => b.Policies.Contains(name))
                .Select(b => BindingLine($"{b.Namespace}/{b.Pod}/{b.Interface}", b.Network, b.Policies, b.Rules.Length)))
            : "",
        NadKind => intent.MayHold(node, kind, name)
            ? Lines(intent.InterfacesThrough(node, name).Select(i => (Key: $"{i.Namespace}/{i.Pod}/{i.Interface}", i.Network))
                .Where(i => intent.NadInterfaces(node, name).Contains(i.Key)).Select(i => $"{i.Key} {i.Network}"))
            : "",
        _ => "",
    };

    /// <summary>The intent before and after a batch.</summary>
    private sealed class NodePlans(ClusterIntent? before, ClusterIntent after)
    {
        public ClusterIntent After => after;

        /// <summary>
        /// Whether the change of the object alters what the node should hold; without a previous view, it may. A node
        /// holding nothing of the object before or after (no pod the policy selects, none attached through the NAD) is
        /// not affected, and is not planned at all.
        /// </summary>
        public bool Affects(string node, string kind, string name) =>
            before is null || Expected(before, kind, name, node) != Expected(after, kind, name, node);
    }

    /// <summary>
    /// One snapshot's Networks and cluster objects, and what they intend, computed as far as asked and kept while a
    /// later snapshot has the very same Networks and objects: the cluster view, the pods by node, each Service's
    /// entries, each asked node's local plan, and which nodes a policy or NAD can concern. Bounded by the nodes and
    /// objects of one snapshot; the recorder keeps only the latest.
    /// </summary>
    private sealed class ClusterIntent(LiveSnapshot snapshot)
    {
        private readonly Dictionary<string, string> _services = new(StringComparer.Ordinal);
        private readonly Dictionary<string, NodePlan> _local = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Kind, string Name), HashSet<string>> _nodes = [];
        private readonly Dictionary<(string Node, string Nad), HashSet<string>> _nadInterfaces = [];
        private readonly Dictionary<(string Node, string Nad), ImmutableArray<PodInterfaceSpec>> _interfacesThrough = [];
        private ClusterView? _view;
        private Dictionary<string, ImmutableArray<ClusterPod>>? _podsByNode;

        private ClusterView View => _view ??= LiveState.ViewOf(snapshot);

        private Dictionary<string, ImmutableArray<ClusterPod>> PodsByNode => _podsByNode ??= snapshot.Objects.Pods.Values
            .Where(p => !string.IsNullOrEmpty(p.NodeName))
            .GroupBy(p => p.NodeName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);

        /// <summary>Whether this intent holds for <paramref name="other"/> too: it has the same Networks and cluster objects.</summary>
        public bool Covers(LiveSnapshot other) => ReferenceEquals(other.Networks, snapshot.Networks) && ReferenceEquals(other.Objects, snapshot.Objects);

        /// <summary>The plan of the node's own pods (their interfaces and policy bindings), from a view holding only them.</summary>
        public NodePlan Local(string node)
        {
            if (!_local.TryGetValue(node, out var plan))
            {
                plan = Planner.PlanLocalPods(node, View with { Pods = PodsByNode.GetValueOrDefault(node, []) });
                _local[node] = plan;
            }

            return plan;
        }

        /// <summary>
        /// The planned interfaces of the node's pods attached through the NAD (all their interfaces): planned from a view
        /// holding only those pods and no policies, since a pod's interfaces depend on the pod alone.
        /// </summary>
        public ImmutableArray<PodInterfaceSpec> InterfacesThrough(string node, string nad)
        {
            if (!_interfacesThrough.TryGetValue((node, nad), out var interfaces))
            {
                var pods = PodsByNode.GetValueOrDefault(node, []).Where(p => p.Attachments.Any(a => a.NadKey == nad)).ToImmutableArray();
                interfaces = pods.IsEmpty ? [] : Planner.PlanLocalPods(node, View with { Pods = pods, Policies = [] }).Interfaces;
                _interfacesThrough[(node, nad)] = interfaces;
            }

            return interfaces;
        }

        /// <summary>The Service's entries as comparable lines: the same on every node, so computed once.</summary>
        public string ServiceLines(string service)
        {
            if (!_services.TryGetValue(service, out var lines))
            {
                lines = snapshot.Objects.Services.TryGetValue(service, out var found)
                    ? Lines(Planner.PlanServiceEntries(View with { Services = [found] }).Select(s => ServiceLine(s.Key, s.Backends)))
                    : "";
                _services[service] = lines;
            }

            return lines;
        }

        /// <summary>
        /// Whether the node can hold anything of the object: for a policy, it hosts a pod the policy selects; for a NAD,
        /// a pod attached through it; a Service's entries are on every node.
        /// </summary>
        public bool MayHold(string node, string kind, string name)
        {
            if (kind == ServiceKind)
            {
                return true;
            }

            if (!_nodes.TryGetValue((kind, name), out var nodes))
            {
                nodes = kind switch
                {
                    PolicyKind => NodesSelectedBy(name),
                    NadKind => snapshot.Objects.Pods.Values.Where(p => p.NodeName is not null && p.Attachments.Any(a => a.NadKey == name))
                        .Select(p => p.NodeName!).ToHashSet(StringComparer.Ordinal),
                    _ => [],
                };
                _nodes[(kind, name)] = nodes;
            }

            return nodes.Contains(node);
        }

        /// <summary>The pod interfaces (<c>ns/pod/iface</c>) on the node attached through the NAD.</summary>
        public HashSet<string> NadInterfaces(string node, string nad)
        {
            if (!_nadInterfaces.TryGetValue((node, nad), out var interfaces))
            {
                interfaces = PodsByNode.GetValueOrDefault(node, [])
                    .SelectMany(p => p.Attachments.Where(a => a.NadKey == nad).Select(a => $"{p.Key}/{a.Interface}"))
                    .ToHashSet(StringComparer.Ordinal);
                _nadInterfaces[(node, nad)] = interfaces;
            }

            return interfaces;
        }

        /// <summary>The nodes hosting a pod the policy selects (in its namespace, when it has one); none when its selector does not parse.</summary>
        private HashSet<string> NodesSelectedBy(string policyKey)
        {
            if (!snapshot.Objects.Policies.TryGetValue(policyKey, out var policy) || !CalicoSelector.TryParse(policy.Selector, out var selector, out _))
            {
                return [];
            }

            return snapshot.Objects.Pods.Values
                .Where(p => p.NodeName is not null && (policy.Namespace is null || policy.Namespace == p.Namespace) && selector!.Matches(p.Labels))
                .Select(p => p.NodeName!).ToHashSet(StringComparer.Ordinal);
        }
    }
}
