using System.Collections.Immutable;
using Multinet.Shared.Validation;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// Reachability and isolation questions against the console's live state, for pages and the REST API. Each answer is
/// computed from a snapshot when asked (the current one unless a page passes the one it shows); nothing is cached.
/// </summary>
public sealed class ReachabilityService(LiveState live, TimeProvider timeProvider)
{
    /// <summary>
    /// "Can <paramref name="from"/> reach <paramref name="to"/>?", both in <see cref="ReachabilityEndpoint.Syntax"/> or
    /// <see cref="VmEndpoints.Syntax"/> (a VM is asked about through its virt-launcher pod).
    /// </summary>
    public EngineResult<ReachabilityAnswer> Check(string? from, string? to) => Check(live.Current, from, to);

    public EngineResult<ReachabilityAnswer> Check(LiveSnapshot snapshot, string? from, string? to)
    {
        var errors = new List<FieldViolation>();
        var source = Parse("from", Vm(snapshot, "from", from, errors), errors);
        var destination = Parse("to", Vm(snapshot, "to", to, errors), errors);
        return errors.Count > 0
            ? EngineResult<ReachabilityAnswer>.Invalid(errors)
            : ReachabilityEngine.Check(snapshot, source!, destination!, timeProvider.GetUtcNow().UtcDateTime);
    }

    /// <summary>"Is Network <paramref name="a"/> isolated from <paramref name="b"/>?" on every reporting node.</summary>
    public EngineResult<IsolationAnswer> CheckIsolation(string? a, string? b) => CheckIsolation(live.Current, a, b);

    public EngineResult<IsolationAnswer> CheckIsolation(LiveSnapshot snapshot, string? a, string? b) =>
        IsolationEngine.Check(snapshot, a, b, timeProvider.GetUtcNow().UtcDateTime);

    /// <summary>What the pickers offer: every pod interface on a Network and every network-aware Service.</summary>
    public ImmutableArray<EndpointOption> Endpoints() => EndpointCatalog.Of(live.Current);

    public static ImmutableArray<EndpointOption> Endpoints(LiveSnapshot snapshot) => EndpointCatalog.Of(snapshot);

    /// <summary>A VM endpoint as its launcher pod's; the text unchanged when it names no VM, null (with an error) when it names a wrong one.</summary>
    private static string? Vm(LiveSnapshot snapshot, string field, string? text, List<FieldViolation> errors)
    {
        if (VmEndpoints.TryResolve(snapshot, text, out var resolved, out var error))
        {
            return resolved;
        }

        errors.Add(new FieldViolation(field, FieldReasons.Invalid, error!));
        return null;
    }

    private static ReachabilityEndpoint? Parse(string field, string? text, List<FieldViolation> errors)
    {
        if (errors.Any(e => e.Field == field))
        {
            return null;
        }

        if (ReachabilityEndpoint.TryParse(text, out var endpoint, out var error))
        {
            return endpoint;
        }

        errors.Add(new FieldViolation(field, string.IsNullOrWhiteSpace(text) ? FieldReasons.Required : FieldReasons.Invalid, error!));
        return null;
    }
}
