using System.Text.Json.Nodes;
using Multinet.KubeApi.Hosting;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Http;

/// <summary>
/// TokenRequest (<c>POST …/serviceaccounts/{name}/token</c>) and TokenReview (<c>POST authentication.k8s.io/v1/tokenreviews</c>),
/// as kube-apiserver answers them: a token is issued only for an existing ServiceAccount; a review authenticates the API's
/// own bearer token (the kubeconfig's administrator) or a ServiceAccount token whose account still exists with the same uid.
/// </summary>
internal sealed class TokenEndpoints(ObjectStore store, ServiceAccountTokens tokens, ApiTokenProvider adminToken, TimeProvider time)
{
    public const string AdminUser = "multinet:admin";
    private const long MinExpirationSeconds = 600;
    private const long DefaultExpirationSeconds = 3600;

    public async Task RequestTokenAsync(HttpContext context, string ns, string name, CancellationToken cancellationToken)
    {
        var body = await KubeHttp.ReadObjectAsync(context, cancellationToken);
        var account = store.Get(CoreResources.ServiceAccounts, ns, name) ?? throw KubeStatus.NotFound(CoreResources.ServiceAccounts, name);
        var spec = body["spec"] as JsonObject ?? [];
        var seconds = spec["expirationSeconds"]?.GetValue<long>() ?? DefaultExpirationSeconds;
        if (seconds < MinExpirationSeconds)
        {
            throw KubeStatus.Invalid(TokenRequests, name,
                [new FieldViolation("spec.expirationSeconds", FieldReasons.Invalid, "spec.expirationSeconds: Invalid value: " + seconds + ": may not specify a duration less than 10 minutes")]);
        }

        var audiences = spec["audiences"] is JsonArray list && list.Count > 0 ? list.Select(a => (string?)a ?? "").ToList() : [.. ServiceAccountTokens.ApiAudiences];
        var expires = time.GetUtcNow().AddSeconds(seconds);
        var token = tokens.Issue(ns, name, KubeHttp.MetadataString(account, "uid") ?? "", audiences, expires);
        spec["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]);
        spec["expirationSeconds"] = seconds;
        var response = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = KubeTime.Format(expires) },
        };
        await KubeHttp.WriteJsonAsync(context, 201, response, cancellationToken);
    }

    public async Task ReviewAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await KubeHttp.ReadObjectAsync(context, cancellationToken);
        var spec = body["spec"] as JsonObject ?? [];
        var token = (string?)spec["token"] ?? "";
        var wanted = spec["audiences"] is JsonArray list ? list.Select(a => (string?)a ?? "").Where(a => a.Length > 0).ToList() : [];
        body["status"] = Review(token, wanted);
        body["metadata"] = new JsonObject { ["creationTimestamp"] = null };
        await KubeHttp.WriteJsonAsync(context, 201, body, cancellationToken);
    }

    private JsonObject Review(string token, IReadOnlyList<string> wanted)
    {
        if (adminToken.IsValid(token))
        {
            // A static token is good for the API's own audiences only, as kube-apiserver's token file is.
            var matched = (wanted.Count == 0 ? ServiceAccountTokens.ApiAudiences : wanted).Intersect(ServiceAccountTokens.ApiAudiences, StringComparer.Ordinal).ToList();
            return matched.Count == 0
                ? Unauthenticated("token audiences don't match the requested audiences")
                : Authenticated(AdminUser, "", ["system:masters", "system:authenticated"], matched);
        }

        if (tokens.Read(token, wanted, out var error) is not { } claims)
        {
            return Unauthenticated(error ?? "invalid bearer token");
        }

        var account = store.Get(CoreResources.ServiceAccounts, claims.Namespace, claims.Name);
        if (account is null || KubeHttp.MetadataString(account, "uid") != claims.Uid)
        {
            return Unauthenticated($"service account {claims.Namespace}/{claims.Name} has been deleted or replaced");
        }

        return Authenticated($"system:serviceaccount:{claims.Namespace}:{claims.Name}", claims.Uid,
            ["system:serviceaccounts", $"system:serviceaccounts:{claims.Namespace}", "system:authenticated"], claims.Audiences);
    }

    private static JsonObject Authenticated(string user, string uid, string[] groups, IReadOnlyList<string> audiences) => new()
    {
        ["authenticated"] = true,
        ["user"] = new JsonObject { ["username"] = user, ["uid"] = uid, ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]) },
        ["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]),
    };

    private static JsonObject Unauthenticated(string error) => new() { ["user"] = new JsonObject(), ["error"] = error };

    private static ResourceDescriptor TokenRequests { get; } = new()
    {
        Group = "authentication.k8s.io", Version = "v1", Plural = "tokenrequests", Singular = "tokenrequest", Kind = "TokenRequest", Namespaced = true,
    };
}
