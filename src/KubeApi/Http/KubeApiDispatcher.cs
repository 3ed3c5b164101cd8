using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;

namespace Multinet.KubeApi.Http;

/// <summary>
/// Routes every request under the API's path base to discovery, OpenAPI or a resource verb, and turns failures into
/// Kubernetes Status responses. One catch-all route keeps kube's path grammar (which ASP.NET route templates cannot
/// disambiguate, e.g. namespaces/{name}/status vs namespaces/{ns}/{plural}) in one place.
/// </summary>
internal sealed class KubeApiDispatcher(
    ResourceRegistry registry,
    ObjectStore store,
    ResourceReadHandler reads,
    ResourceWriteHandler writes,
    TokenEndpoints tokens,
    KubeVirtSubresources kubeVirt,
    IHostApplicationLifetime lifetime,
    ILogger<KubeApiDispatcher> logger)
{
    public async Task HandleAsync(HttpContext context, string? path)
    {
        // Long watches end when the console stops, as kube-apiserver closes them on shutdown: clients watch again.
        using var requestOrShutdown = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = requestOrShutdown.Token;
        try
        {
            await store.EnsureInitializedAsync(cancellationToken);
            var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            await DispatchAsync(context, segments, cancellationToken);
        }
        catch (KubeApiException ex) when (!context.Response.HasStarted)
        {
            context.Response.Headers.Remove("Warning");
            await KubeHttp.WriteJsonAsync(context, ex.Code, ex.ToStatus(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError(ex, "Embedded API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            var status = KubeStatus.Failure(500, "InternalError", $"Internal error occurred: {ex.Message}", null);
            await KubeHttp.WriteJsonAsync(context, 500, status, cancellationToken);
        }
    }

    /// <summary>Whether KubeVirt's kinds are served, and with them virt-api's subresources group.</summary>
    private bool ServesKubeVirt => registry.Find(KubeVirtResources.VirtualMachines.Group, KubeVirtResources.VirtualMachines.Version, KubeVirtResources.VirtualMachines.Plural) is not null;

    private JsonObject WithKubeVirtSubresources(JsonObject groups)
    {
        if (ServesKubeVirt && groups["groups"] is JsonArray list)
        {
            list.Add(KubeVirtSubresources.GroupDocument());
        }

        return groups;
    }

    private Task DispatchAsync(HttpContext context, string[] s, CancellationToken cancellationToken)
    {
        var isGet = HttpMethods.IsGet(context.Request.Method);
        JsonObject? document = (s, isGet) switch
        {
            (["version"], true) => DiscoveryDocuments.Version(),
            (["api"], true) => DiscoveryDocuments.ApiVersions(registry),
            (["apis"], true) => WithKubeVirtSubresources(DiscoveryDocuments.GroupList(registry)),
            (["apis", KubeVirtSubresources.Group], true) when ServesKubeVirt => KubeVirtSubresources.GroupDocument(),
            (["apis", KubeVirtSubresources.Group, KubeVirtSubresources.Version], true) when ServesKubeVirt => KubeVirtSubresources.ResourceList(),
            (["api", var version], true) => DiscoveryDocuments.ResourceList(registry, "", version),
            (["apis", var group], true) => DiscoveryDocuments.Group(registry, group),
            (["apis", var group, var version], true) => DiscoveryDocuments.ResourceList(registry, group, version),
            (["openapi", "v3"], true) => OpenApiDocuments.Index(registry, context.Request.PathBase.Value ?? ""),
            (["openapi", "v3", .. var rest], true) => OpenApiDocuments.GroupVersion(registry, string.Join('/', rest)),
            _ => null,
        };
        if (isGet && s is ["openapi", "v2"])
        {
            context.Response.ContentType = OpenApiDocuments.V2ProtobufMediaType;
            return context.Response.Body.WriteAsync(OpenApiDocuments.EmptyV2Document, cancellationToken).AsTask();
        }

        if (document is not null)
        {
            return KubeHttp.WriteJsonAsync(context, 200, document, cancellationToken);
        }

        switch (s, context.Request.Method)
        {
            case (["apis", "authentication.k8s.io", "v1", "tokenreviews"], "POST"):
                return tokens.ReviewAsync(context, cancellationToken);
            case (["api", "v1", "namespaces", var ns, "serviceaccounts", var name, "token"], "POST"):
                return tokens.RequestTokenAsync(context, ns, name, cancellationToken);
            case (["apis", KubeVirtSubresources.Group, KubeVirtSubresources.Version, "namespaces", var ns, "virtualmachines", var name, var action], "PUT")
                when ServesKubeVirt && KubeVirtSubresources.Actions.Contains(action):
                return kubeVirt.HandleAsync(context, ns, name, action, cancellationToken);
        }

        var request = s switch
        {
            ["api", var version, .. var rest] when rest.Length > 0 => ResourceRequest.Parse(registry, "", version, rest),
            ["apis", var group, var version, .. var rest] when rest.Length > 0 => ResourceRequest.Parse(registry, group, version, rest),
            _ => null,
        };
        if (request is null || request.Subresource switch { null => false, "status" => !request.Resource.HasStatusSubresource, ScaleSubresource.Name => !request.Resource.HasScaleSubresource, _ => true })
        {
            throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        }

        if (request.Resource.CreateOnly)
        {
            throw KubeStatus.MethodNotAllowed($"{request.Resource.QualifiedResource} are only created (reviewed), never stored");
        }

        if (request.Resource.Synthesized is not null && !isGet)
        {
            throw KubeStatus.MethodNotAllowed($"{request.Resource.QualifiedResource} are managed by the server and are read-only");
        }

        return (context.Request.Method, request.Name, request.Subresource) switch
        {
            ("GET", null, _) when KubeHttp.QueryFlag(context, "watch") => reads.WatchAsync(context, request, cancellationToken),
            ("GET", null, _) => reads.ListAsync(context, request, cancellationToken),
            ("GET", _, ScaleSubresource.Name) => reads.GetScaleAsync(context, request, cancellationToken),
            ("GET", _, _) => reads.GetAsync(context, request, cancellationToken),
            ("POST", null, null) => writes.CreateAsync(context, request, cancellationToken),
            ("PUT", not null, _) => writes.UpdateAsync(context, request, cancellationToken),
            ("PATCH", not null, _) => writes.PatchAsync(context, request, cancellationToken),
            ("DELETE", not null, null) => writes.DeleteAsync(context, request, cancellationToken),
            ("DELETE", null, null) => writes.DeleteCollectionAsync(context, request, cancellationToken),
            _ => throw KubeStatus.MethodNotAllowed($"the server does not allow this method on the requested resource"),
        };
    }
}
