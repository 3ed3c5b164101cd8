using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Multinet.UnitTests.KubeApi;

/// <summary>TokenRequest and TokenReview on the embedded API, answered as kube-apiserver answers them.</summary>
public sealed class TokenEndpointsTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> NewAccountAsync()
    {
        var name = KubeApiServer.UniqueName("sa");
        await server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, "default", cancellationToken: Token);
        return name;
    }

    private Task<Authenticationv1TokenRequest> RequestAsync(string name, long seconds = 600, IList<string>? audiences = null) =>
        server.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = seconds, Audiences = audiences } }, name, "default", cancellationToken: Token);

    private Task<V1TokenReview> ReviewAsync(string token, IList<string>? audiences = null) =>
        server.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = audiences } }, cancellationToken: Token);

    [Fact]
    public async Task ServiceAccountToken_ReviewsAsTheAccountWithItsGroups()
    {
        var name = await NewAccountAsync();
        var request = await RequestAsync(name);

        var review = await ReviewAsync(request.Status.Token);

        Assert.True(review.Status.Authenticated);
        Assert.Equal($"system:serviceaccount:default:{name}", review.Status.User.Username);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"], review.Status.User.Groups);
        Assert.Equal(["https://kubernetes.default.svc.cluster.local"], review.Status.Audiences);
        Assert.InRange(request.Status.ExpirationTimestamp!.Value, DateTime.UtcNow.AddSeconds(500), DateTime.UtcNow.AddSeconds(700));
    }

    [Fact]
    public async Task TokenForAnotherAudience_IsNotAuthenticatedForTheApi_ButForItsOwn()
    {
        var name = await NewAccountAsync();
        var token = (await RequestAsync(name, audiences: ["multinet-console"])).Status.Token;

        var forApi = await ReviewAsync(token);
        var forConsole = await ReviewAsync(token, ["multinet-console"]);

        Assert.NotEqual(true, forApi.Status.Authenticated);
        Assert.Contains("audiences", forApi.Status.Error, StringComparison.Ordinal);
        Assert.True(forConsole.Status.Authenticated);
    }

    [Fact]
    public async Task ApiToken_ReviewsAsTheAdministrator()
    {
        var review = await ReviewAsync(server.Info.Token);

        Assert.True(review.Status.Authenticated);
        Assert.Contains("system:masters", review.Status.User.Groups);
    }

    [Fact]
    public async Task ForgedToken_AndUnknownAccount_AreRefused()
    {
        var name = await NewAccountAsync();
        var token = (await RequestAsync(name)).Status.Token;
        var parts = token.Split('.');

        Assert.NotEqual(true, (await ReviewAsync(parts[0] + "." + parts[1] + "." + parts[2][..^4] + "AAAA")).Status.Authenticated);
        Assert.NotEqual(true, (await ReviewAsync("garbage")).Status.Authenticated);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => RequestAsync("nobody-here"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task ShortExpiration_IsInvalid()
    {
        var name = await NewAccountAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => RequestAsync(name, seconds: 60));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("may not specify a duration less than 10 minutes", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_WithoutTheApiToken_AreUnauthorized()
    {
        using var response = await server.Anonymous.PostAsJsonAsync("apis/authentication.k8s.io/v1/tokenreviews",
            new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenReview", ["spec"] = new JsonObject { ["token"] = "x" } }, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
