using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Multinet.Web.Auth;
using Multinet.Web.Configuration;

namespace Multinet.Web.Components.Account;

/// <summary>Changes the signed-in user's password; the only page open to a user who signed in with a one-time password.</summary>
public sealed partial class ChangePasswordPage
{
    private readonly List<string> _errors = [];
    private bool _mustChange;

    [CascadingParameter]
    public required HttpContext HttpContext { get; set; }

    [Inject]
    public required SignInManager<ConsoleUser> SignIn { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<MultinetOptions> Multinet { get; init; }

    [SupplyParameterFromForm]
    public string? CurrentPassword { get; set; }

    [SupplyParameterFromForm]
    public string? NewPassword { get; set; }

    [SupplyParameterFromForm]
    public string? ConfirmPassword { get; set; }

    protected override void OnInitialized() => _mustChange = HttpContext.User.HasClaim(c => c.Type == ConsoleClaims.MustChangePassword);

    private async Task ChangeAsync()
    {
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            _errors.Add("Enter your current password.");
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            _errors.Add("Enter a new password.");
        }
        else if (NewPassword != ConfirmPassword)
        {
            _errors.Add("The two new passwords differ.");
        }
        else if (NewPassword == CurrentPassword)
        {
            _errors.Add("The new password must differ from the current one.");
        }

        var user = await SignIn.UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            _errors.Add("Your account no longer exists.");
        }

        if (_errors.Count > 0)
        {
            return;
        }

        // One write: the new password and the end of the one-time password's obligation are saved together, or neither.
        var wasOneTime = user!.MustChangePassword;
        user.MustChangePassword = false;
        var changed = await SignIn.UserManager.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!changed.Succeeded)
        {
            _errors.AddRange(changed.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description));
            return;
        }

        if (wasOneTime)
        {
            InitialAdmin.ForgetOneTimePassword(Multinet.Value, CurrentPassword!);
        }

        await SignIn.RefreshSignInAsync(user);
        Navigation.NavigateTo("");
    }
}
