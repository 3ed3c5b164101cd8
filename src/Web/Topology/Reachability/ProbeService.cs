using System.Security.Claims;
using System.Threading.RateLimiting;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Validation;
using Multinet.Web.Auth;
using Multinet.Web.Grpc;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// The "probe" beside a computed reachability answer: the source pod's node sends <see cref="Count"/> echo requests in
/// the source's Network VRF to the destination's address, through its agent (<see cref="AgentProbes"/>), and the result is
/// reported as seen. Probes send traffic, so only operators and admins may send them (<see cref="Refusal"/>), and each
/// user may send at most <see cref="PermitsPerMinute"/> a minute, from the pages and the REST API together.
/// </summary>
public sealed class ProbeService(LiveState live, AgentProbes probes, TimeProvider timeProvider) : IDisposable
{
    public const int Count = 3;

    public const int PermitsPerMinute = 10;

    /// <summary>How long the console waits for the agent's answer (VPP's ping takes about a second per request).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when <paramref name="user"/> may send probes; otherwise why not (shown on the disabled button).</summary>
    public static string? Refusal(ClaimsPrincipal user) =>
        AccessRules.RoleRefusal(user) is { } refusal ? $"A probe sends traffic on the network. {refusal.Replace("changes need", "probes need", StringComparison.Ordinal)}" : null;

    /// <summary>Sends a probe as <paramref name="user"/>; <see cref="ProbeAttempt.Limited"/> when the user has probed too often.</summary>
    public async Task<ProbeAttempt> ProbeAsync(ClaimsPrincipal user, string? from, string? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var snapshot = live.Current;
        var errors = new List<FieldViolation>();
        var source = Parse("from", from, errors);
        var destination = Parse("to", to, errors);
        if (errors.Count > 0)
        {
            return ProbeAttempt.Invalid(errors);
        }

        var target = ProbeTarget.Resolve(snapshot, source!, destination!, errors);
        if (target is null)
        {
            return ProbeAttempt.Invalid(errors);
        }

        if (target.NotSent is { } reason)
        {
            return ProbeAttempt.Of(new ProbeAnswer
            {
                From = source!.ToString(),
                To = destination!.ToString(),
                Node = target.Node,
                Network = target.Network,
                Source = target.Source?.ToString(),
                Destination = target.Destination.ToString(),
                ProbedAt = timeProvider.GetUtcNow().UtcDateTime,
                Status = ProbeStatus.NotSent,
                Detail = reason,
            });
        }

        using var lease = _limiter.AttemptAcquire(user.Identity?.Name ?? "");
        if (!lease.IsAcquired)
        {
            return ProbeAttempt.Limited;
        }

        var request = new ProbeRequest
        {
            Network = target.Network,
            Source = target.Source?.ToString() ?? "",
            Destination = target.Destination.ToString(),
            Count = Count,
        };
        var outcome = await probes.ProbeAsync(target.Node, request, Timeout, cancellationToken);
        var answer = new ProbeAnswer
        {
            From = source!.ToString(),
            To = destination!.ToString(),
            Node = target.Node,
            Network = target.Network,
            Source = request.Source.Length == 0 ? null : request.Source,
            Destination = request.Destination,
            ProbedAt = timeProvider.GetUtcNow().UtcDateTime,
            Dataplane = snapshot.Nodes.TryGetValue(target.Node, out var node) && node.Dataplane.Length > 0 ? node.Dataplane : null,
            Status = outcome.Status switch
            {
                AgentProbeStatus.NotConnected => ProbeStatus.AgentNotConnected,
                AgentProbeStatus.TimedOut => ProbeStatus.TimedOut,
                _ => outcome.Result!.Error.Length > 0 ? ProbeStatus.Failed : ProbeStatus.Answered,
            },
            Sent = (int)(outcome.Result?.Sent ?? 0),
            Received = (int)(outcome.Result?.Received ?? 0),
            Detail = outcome.Status switch
            {
                AgentProbeStatus.NotConnected => $"The agent on {target.Node} is not connected: no probe was sent.",
                AgentProbeStatus.TimedOut => $"The agent on {target.Node} did not answer within {Timeout.TotalSeconds:0} s.",
                _ => outcome.Result!.Error.Length > 0 ? outcome.Result.Error : outcome.Result.Detail,
            },
        };
        return ProbeAttempt.Of(answer);
    }

    public void Dispose() => _limiter.Dispose();

    private static ReachabilityEndpoint? Parse(string field, string? text, List<FieldViolation> errors)
    {
        if (ReachabilityEndpoint.TryParse(text, out var endpoint, out var error))
        {
            return endpoint;
        }

        errors.Add(new FieldViolation(field, string.IsNullOrWhiteSpace(text) ? FieldReasons.Required : FieldReasons.Invalid, error!));
        return null;
    }
}
