using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Multinet.Shared.Validation;
using Multinet.Web.Auth;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// <c>GET /api/v1/reachability?from=…&amp;to=…</c> and <c>GET /api/v1/isolation?a=…&amp;b=…</c>: the answers the
/// reachability panels show, as JSON, for any signed-in viewer (the console's fallback policy). Endpoints are written
/// <see cref="ReachabilityEndpoint.Syntax"/>; a malformed or unknown one is a 400 problem naming its parameter.
/// <c>POST /api/v1/reachability/probe?from=…&amp;to=…</c> sends a probe (<see cref="ProbeService"/>): operators and admins
/// only (it sends traffic), 429 once the user's probes for the minute are spent.
/// </summary>
public static class ReachabilityEndpoints
{
    public static IEndpointRouteBuilder MapReachabilityApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        api.MapGet("/reachability", Results<Ok<ReachabilityAnswer>, ValidationProblem> (string? from, string? to, ReachabilityService reachability) =>
            Respond(reachability.Check(from, to), "The reachability question cannot be asked: " + ReachabilityEndpoint.Syntax + " are the endpoint forms."));
        api.MapGet("/isolation", Results<Ok<IsolationAnswer>, ValidationProblem> (string? a, string? b, ReachabilityService reachability) =>
            Respond(reachability.CheckIsolation(a, b), "The isolation question needs two different known Networks, a and b."));
        api.MapPost("/reachability/probe", async Task<Results<Ok<ProbeAnswer>, ValidationProblem, ProblemHttpResult>> (string? from, string? to,
            ClaimsPrincipal user, ProbeService probes, CancellationToken cancellationToken) =>
        {
            var attempt = await probes.ProbeAsync(user, from, to, cancellationToken);
            return attempt switch
            {
                { Answer: { } answer } => TypedResults.Ok(answer),
                { IsLimited: true } => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many probes",
                    detail: $"At most {ProbeService.PermitsPerMinute} probes a minute per user: wait and try again."),
                _ => TypedResults.ValidationProblem(Errors(attempt.Errors), detail: "The probe cannot be sent: it goes from a pod interface to a pod interface or an address."),
            };
        }).RequireAuthorization(ConsolePolicies.Operator);
        return endpoints;
    }

    private static Results<Ok<T>, ValidationProblem> Respond<T>(EngineResult<T> result, string detail)
        where T : class =>
        result.Answer is { } answer
            ? TypedResults.Ok(answer)
            : TypedResults.ValidationProblem(Errors(result.Errors), detail: detail);

    private static Dictionary<string, string[]> Errors(IEnumerable<FieldViolation> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
