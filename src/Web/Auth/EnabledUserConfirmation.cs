using Microsoft.AspNetCore.Identity;

namespace Multinet.Web.Auth;

/// <summary>Identity asks whether an account is "confirmed" before every sign-in: here, whether an admin has not disabled it.</summary>
internal sealed class EnabledUserConfirmation : IUserConfirmation<ConsoleUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ConsoleUser> manager, ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(!user.Disabled);
    }
}
