using Multinet.Web.KubeApi.Hosting;

namespace Multinet.Web.KubeApi.Http;

/// <summary>Requires <c>Authorization: Bearer &lt;token&gt;</c> on every API request; answers 401 with a Status otherwise.</summary>
internal sealed class BearerTokenFilter(ApiTokenProvider tokens) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (tokens.IsValid(token))
        {
            return await next(context);
        }

        var error = KubeStatus.Unauthorized();
        return Results.Text(error.ToStatus().ToJsonString(KubeHttp.Output), KubeHttp.JsonMediaType, statusCode: error.Code);
    }
}
