using System.Net;
using System.Text.RegularExpressions;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>Signs in through the console's sign-in form, as a browser does: the form's antiforgery token, then the post.</summary>
internal static partial class FormSignIn
{
    /// <summary>A client with its own cookies that does not follow redirects (a test looks at them).</summary>
    public static HttpClient NewBrowser(string baseUrl) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    /// <summary>Posts the sign-in form; returns the response (a redirect when signed in, the form with its error otherwise).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string? user, string? password, CancellationToken cancellationToken,
        string path = "/login")
    {
        var form = await browser.GetStringAsync(path, cancellationToken);
        var token = Token().Match(form).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) };
        if (user is not null)
        {
            fields["UserName"] = user;
        }

        if (password is not null)
        {
            fields["Password"] = password;
        }

        return await browser.PostAsync(path, new FormUrlEncodedContent(fields), cancellationToken);
    }

    /// <summary>Posts the Kubernetes token form of the sign-in page.</summary>
    public static async Task<HttpResponseMessage> PostKubernetesTokenAsync(HttpClient browser, string token, CancellationToken cancellationToken)
    {
        var form = await browser.GetStringAsync("/login", cancellationToken);
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "kubernetes", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value), ["KubernetesToken"] = token,
        };
        return await browser.PostAsync("/login", new FormUrlEncodedContent(fields), cancellationToken);
    }

    /// <summary>The first antiforgery token of a page (as its forms carry it).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string path, CancellationToken cancellationToken) =>
        WebUtility.HtmlDecode(Token().Match(await browser.GetStringAsync(path, cancellationToken)).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
