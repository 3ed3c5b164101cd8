using Multinet.Shared.Crds;
using Multinet.Shared.Validation;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// "Is Network A isolated from Network B?" from a snapshot, on every node that reports: no table id shared by their
/// VRFs, no tunnel of one carrying the other's VNI, no route in one VRF leading to the other's interface, no pod
/// interface in the other's VRF, no service entry balancing to an address only the other's pods hold. Overlapping
/// ranges are no violation: each VRF routes its own copy of the addresses (said in the notes).
/// </summary>
public static class IsolationEngine
{
    public static EngineResult<IsolationAnswer> Check(LiveSnapshot snapshot, string? a, string? b, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var errors = new List<FieldViolation>();
        var first = Network(snapshot, "a", a, errors);
        var second = Network(snapshot, "b", b, errors);
        if (errors.Count == 0 && a == b)
        {
            errors.Add(new FieldViolation("b", FieldReasons.Invalid, $"\"{b}\" is the same Network as a: name two different Networks."));
        }

        if (errors.Count > 0)
        {
            return EngineResult<IsolationAnswer>.Invalid(errors);
        }

        var violations = new List<IsolationViolation>();
        var notes = new List<string>();
        ConfigurationChecks(first!, second!, violations, notes);
        var resolver = new EndpointResolver(snapshot);
        var owners = IsolationNodeChecks.InterfaceOwners(resolver, a!, b!);
        var checkedNodes = new List<string>();
        foreach (var node in snapshot.Nodes.Values)
        {
            if (!node.Connected || node.Stale)
            {
                notes.Add($"{node.Name} is not reporting ({(node.Connected ? "silent" : "not connected")}): its last report was checked but may no longer hold.");
            }

            checkedNodes.Add(node.Name);
            IsolationNodeChecks.Check(node, first!, second!, owners, violations);
            IsolationNodeChecks.Check(node, second!, first!, owners, violations);
        }

        if (checkedNodes.Count == 0)
        {
            notes.Add("No node reports its dataplane: only the configuration was checked.");
        }

        return EngineResult<IsolationAnswer>.Of(new IsolationAnswer
        {
            A = a!,
            B = b!,
            Violations = [.. violations],
            Notes = [.. notes],
            CheckedNodes = [.. checkedNodes],
            MtuWarnings = [.. MtuCheck.Warnings(snapshot, a!), .. MtuCheck.Warnings(snapshot, b!)],
            Basis = ReachabilityEngine.Basis(snapshot, now),
            ComputedAt = now,
            SnapshotVersion = snapshot.Version,
        });
    }

    private static void ConfigurationChecks(V3Network a, V3Network b, List<IsolationViolation> violations, List<string> notes)
    {
        if (a.Spec?.Vni is { } vni && vni == b.Spec?.Vni)
        {
            violations.Add(new(IsolationViolationKind.ReusedVni, null, TopologyIds.Network(b.Metadata.Name),
                $"\"{a.Metadata.Name}\" and \"{b.Metadata.Name}\" are both configured with VNI {vni}: their tunnels would carry each other's traffic."));
        }

        if (NetworkValidator.TryParseRange(a.Spec?.Range, out var ra, out _) && NetworkValidator.TryParseRange(b.Spec?.Range, out var rb, out _)
            && (ra.Contains(rb.BaseAddress) || rb.Contains(ra.BaseAddress)))
        {
            notes.Add($"The ranges overlap ({ra} and {rb}): not a violation by itself, each VRF routes its own copy of those addresses.");
        }
    }

    private static V3Network? Network(LiveSnapshot snapshot, string field, string? name, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldViolation(field, FieldReasons.Required, "Required: the name of a Network."));
            return null;
        }

        if (!snapshot.Networks.TryGetValue(name, out var network))
        {
            errors.Add(new FieldViolation(field, "FieldValueNotFound", $"No Network named \"{name}\" is known to the console."));
        }

        return network;
    }
}
