using System.Net;
using System.Net.Http.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Web.Auth;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>
/// Sign-in with a Kubernetes token, end to end over real HTTP: tokens issued by the console's embedded API (TokenRequest),
/// pasted on /login, verified by a TokenReview, mapped to a role by configuration.
/// </summary>
public sealed class KubernetesTokenSignInTests(KubernetesSignInServer server) : IClassFixture<KubernetesSignInServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(string Token, string Name)> ServiceAccountTokenAsync(string ns, string? name = null)
    {
        name ??= KubernetesSignInServer.UniqueName("sa");
        try
        {
            await server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Token);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }

        await server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, ns, cancellationToken: Token);
        var request = await server.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec { ExpirationSeconds = 600 },
        }, name, ns, cancellationToken: Token);
        return (request.Status.Token, name);
    }

    private async Task<string> LoginErrorAsync(string token)
    {
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);
        using var response = await FormSignIn.PostKubernetesTokenAsync(browser, token, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("data-testid=\"login-kubernetes-error\"", page, StringComparison.Ordinal);
        using var me = await browser.GetAsync("/api/v1/me", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        return WebUtility.HtmlDecode(page);
    }

    [Fact]
    public async Task LoginPage_OffersTheTokenForm()
    {
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);

        Assert.Contains("data-testid=\"login-kubernetes-form\"", await browser.GetStringAsync("/login", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceAccountToken_OfAMappedGroup_SignsInWithThatRoleUnderItsKubernetesName()
    {
        var (token, name) = await ServiceAccountTokenAsync("ops");
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);

        using var response = await FormSignIn.PostKubernetesTokenAsync(browser, token, Token);
        var me = await browser.GetFromJsonAsync<MeDto>("/api/v1/me", Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(($"system:serviceaccount:ops:{name}", ConsoleRoles.Operator), (me!.Name, me.Role));
        var listed = await (await server.ApiClientAsync()).GetFromJsonAsync<List<UserDto>>("/api/v1/users", Token);
        Assert.Contains(listed!, u => u.Name == me.Name && u.Source == ConsoleUser.KubernetesSource && u.Role == ConsoleRoles.Operator);
    }

    [Fact]
    public async Task MappedUserName_GivesItsRole()
    {
        var (token, _) = await ServiceAccountTokenAsync("default", "boss");
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);

        using var response = await FormSignIn.PostKubernetesTokenAsync(browser, token, Token);
        var me = await browser.GetFromJsonAsync<MeDto>("/api/v1/me", Token);

        Assert.Equal(("system:serviceaccount:default:boss", ConsoleRoles.Admin), (me!.Name, me.Role));
    }

    [Fact]
    public async Task ValidTokenOfAnUnmappedAccount_IsRefusedNamingTheAccount()
    {
        var (token, name) = await ServiceAccountTokenAsync("default");

        var page = await LoginErrorAsync(token);

        Assert.Contains($"system:serviceaccount:default:{name} is in none of the users or groups that give access", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedOrTamperedToken_IsRefused()
    {
        var (token, _) = await ServiceAccountTokenAsync("ops");
        var parts = token.Split('.');
        var tampered = parts[0] + "." + parts[1] + "x." + parts[2];

        Assert.Contains("The Kubernetes API did not accept this token", await LoginErrorAsync("not-a-token"), StringComparison.Ordinal);
        Assert.Contains("The Kubernetes API did not accept this token", await LoginErrorAsync(tampered), StringComparison.Ordinal);
        Assert.Contains("Paste a Kubernetes token", await LoginErrorAsync("  "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenOfADeletedServiceAccount_IsRefused()
    {
        var (token, name) = await ServiceAccountTokenAsync("ops");
        await server.Client.CoreV1.DeleteNamespacedServiceAccountAsync(name, "ops", cancellationToken: Token);

        Assert.Contains("has been deleted or replaced", await LoginErrorAsync(token), StringComparison.Ordinal);
    }
}
