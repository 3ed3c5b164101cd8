using Microsoft.AspNetCore.Http.HttpResults;
using Multinet.Web.State;

namespace Multinet.Web.Api;

/// <summary>The console's REST surface for scripts, read from the same live state the pages show.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        api.MapGet("/networks", (LiveState live) => TypedResults.Ok(NetworkStatusDto.From(live.Current)));
        api.MapGet("/networks/{name}", Results<Ok<NetworkStatusDto>, ProblemHttpResult> (string name, LiveState live) =>
            NetworkStatusDto.From(live.Current, name) is { } network
                ? TypedResults.Ok(network)
                : TypedResults.Problem($"No Network named \"{name}\" is known to the console.", statusCode: StatusCodes.Status404NotFound));
        api.MapGet("/nodes", (LiveState live) => TypedResults.Ok(live.Current.Nodes.Values.Select(NodeDto.From).ToList()));
        api.MapGet("/nodes/{name}", Results<Ok<NodeDetailDto>, ProblemHttpResult> (string name, LiveState live) =>
            live.Current.Nodes.TryGetValue(name, out var node)
                ? TypedResults.Ok(NodeDetailDto.From(node))
                : TypedResults.Problem($"No agent has reported a node named \"{name}\".", statusCode: StatusCodes.Status404NotFound));
        return endpoints;
    }
}
