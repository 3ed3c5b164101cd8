using Microsoft.AspNetCore.Http.HttpResults;
using Multinet.Web.Cluster;

namespace Multinet.Web.Yaml;

/// <summary><c>GET /api/v1/networks/{name}/bundle</c>: a Network with its NADs, services and policies as one applyable YAML file.</summary>
internal static class YamlEndpoints
{
    public static IEndpointRouteBuilder MapYamlApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/networks/{name}/bundle", GetBundleAsync);
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetBundleAsync(string name, IKubeObjectClient objects, HttpContext context, CancellationToken cancellationToken)
    {
        var bundle = await NetworkBundle.BuildAsync(objects, name, cancellationToken);
        if (bundle is null)
        {
            return TypedResults.Problem($"Network \"{name}\" does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"network-{name}.yaml\"";
        return TypedResults.Text(bundle, "application/yaml");
    }
}
