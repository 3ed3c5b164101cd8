using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Multinet.Web.Cluster;

namespace Multinet.Web.Auth;

/// <summary>
/// Signs in a person by a pasted Kubernetes token: the console (as itself) asks the API server for a TokenReview
/// (authentication.k8s.io/v1), maps the reviewed user name and groups to a role (<see cref="KubernetesSignInOptions"/>)
/// and keeps a console user of source "kubernetes" under the Kubernetes user name, whose role follows the mapping at every
/// sign-in. The token itself is never stored. Writes then go as that user name (impersonated on a real cluster).
/// </summary>
internal sealed class KubernetesTokenSignIn(ClusterAccess access, UserManager<ConsoleUser> users, IOptions<ConsoleAuthOptions> options,
    TimeProvider time, UserSessionEvents sessions, ILogger<KubernetesTokenSignIn> logger)
{
    public const string Method = "kubernetes";

    /// <summary>The console user the token signs in, or a message saying why it does not.</summary>
    public async Task<(ConsoleUser? User, string? Error)> VerifyAsync(string? token, CancellationToken cancellationToken)
    {
        var settings = options.Value.Kubernetes;
        token = token?.Trim();
        if (!settings.Enabled)
        {
            return (null, "Sign-in with a Kubernetes token is not configured (Multinet:Auth:Kubernetes).");
        }

        if (string.IsNullOrEmpty(token))
        {
            return (null, "Paste a Kubernetes token (for example from kubectl create token <serviceaccount>).");
        }

        V1TokenReviewStatus? status;
        try
        {
            var client = await access.GetClientAsync(cancellationToken);
            var review = await client.AuthenticationV1.CreateTokenReviewAsync(
                new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = settings.Audiences.Count > 0 ? settings.Audiences : null } },
                cancellationToken: cancellationToken);
            status = review.Status;
        }
        catch (HttpOperationException ex)
        {
            logger.LogWarning("The TokenReview for a sign-in failed: {Status} {Reason}", (int?)ex.Response?.StatusCode, ex.Response?.ReasonPhrase);
            return (null, $"The Kubernetes API did not review the token ({(int?)ex.Response?.StatusCode} {ex.Response?.ReasonPhrase}); ask an admin to check the console's RBAC (create tokenreviews).");
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "The Kubernetes API could not be reached for a sign-in's TokenReview");
            return (null, "The Kubernetes API could not be reached to check the token. Try again later.");
        }

        if (status?.Authenticated != true || status.User?.Username is not { Length: > 0 } name)
        {
            return (null, "The Kubernetes API did not accept this token" + (string.IsNullOrEmpty(status?.Error) ? "." : $": {status.Error}."));
        }

        var role = settings.RoleFor(name, status.User.Groups ?? []);
        if (role is null)
        {
            return (null, $"{name} is in none of the users or groups that give access to the console.");
        }

        return await UserForAsync(name, role);
    }

    private async Task<(ConsoleUser? User, string? Error)> UserForAsync(string name, string role)
    {
        var user = await users.FindByNameAsync(name);
        if (user is { Source: not ConsoleUser.KubernetesSource })
        {
            return (null, $"A console user named {name} exists already ({user.Source}); sign in as that user instead.");
        }

        if (user is null)
        {
            user = new ConsoleUser { UserName = name, Role = role, Source = ConsoleUser.KubernetesSource, CreatedAt = time.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return (null, string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else if (user.Role != role)
        {
            user.Role = role; // the mapping or the person's groups changed: their open pages continue with the new role
            await users.UpdateAsync(user);
            sessions.Raise(user.Id);
        }

        return user.Disabled ? (null, "This account is disabled. Ask an admin.") : (user, null);
    }
}
