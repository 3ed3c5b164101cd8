using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Multinet.Web.Auth;

namespace Multinet.Web.Components.Account;

/// <summary>Signs in with a user name and password (a form post: the cookie needs an HTTP response); wrong passwords count toward lockout.</summary>
public sealed partial class LoginPage
{
    private readonly Dictionary<string, string> _fieldErrors = new(StringComparer.Ordinal);
    private string? _error;

    [Inject]
    public required SignInManager<ConsoleUser> SignIn { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<ConsoleAuthOptions> Oidc { get; init; }

    [SupplyParameterFromForm]
    public string? UserName { get; set; }

    [SupplyParameterFromForm]
    public string? Password { get; set; }

    /// <summary>A pasted ServiceAccount or user token (the second form), checked by a TokenReview.</summary>
    [SupplyParameterFromForm(FormName = "kubernetes")]
    public string? KubernetesToken { get; set; }

    [Inject]
    internal KubernetesTokenSignIn KubernetesSignIn { get; init; } = null!;

    /// <summary>Where to go after signing in; the form posts to this page's own address, so the query holds it then too.</summary>
    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    /// <summary>A message from elsewhere (the single sign-on's callback).</summary>
    [SupplyParameterFromQuery]
    public string? Error { get; set; }

    private async Task SignInAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName))
        {
            _fieldErrors["UserName"] = "Enter your user name.";
        }

        if (string.IsNullOrEmpty(Password))
        {
            _fieldErrors["Password"] = "Enter your password.";
        }

        if (_fieldErrors.Count > 0)
        {
            return;
        }

        var result = await SignIn.PasswordSignInAsync(UserName!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await SignIn.UserManager.FindByNameAsync(UserName.Trim());
            Navigation.NavigateTo(user is { MustChangePassword: true } ? PasswordChangeGate.ChangePasswordPath.TrimStart('/') : OidcSignIn.LocalOrRoot(ReturnUrl));
            return;
        }

        _error = result.IsLockedOut
            ? "This account is locked after too many wrong passwords. Try again later, or ask an admin to unlock it."
            : result.IsNotAllowed
                ? "This account is disabled. Ask an admin."
                : "Wrong user name or password.";
    }

    private async Task SignInWithKubernetesTokenAsync()
    {
        var (user, error) = await KubernetesSignIn.VerifyAsync(KubernetesToken, CancellationToken.None);
        if (user is null)
        {
            _fieldErrors["KubernetesToken"] = error ?? "The token was not accepted.";
            return;
        }

        await SignIn.SignInAsync(user, isPersistent: false, authenticationMethod: KubernetesTokenSignIn.Method);
        Navigation.NavigateTo(OidcSignIn.LocalOrRoot(ReturnUrl));
    }
}
