using System.Security.Claims;
using System.Text;
using Multinet.Web.Auth;

namespace Multinet.Web.Cluster;

/// <summary>
/// The person a write is made for. The embedded API has a single token, so the person is named in the field manager
/// (<c>multinet-console:alice</c>), which managedFields, and so the timeline, record as the author; on a real cluster
/// the write is also sent as the person (Impersonate-User, Impersonate-Group <c>multinet-console:&lt;role&gt;</c>) so
/// Kubernetes RBAC and audit see them.
/// </summary>
public sealed record WriteActor(string UserName, string Role)
{
    public const string FieldManagerPrefix = "multinet-console:";

    /// <summary>The group an impersonated write carries for the user's console role.</summary>
    public string Group => FieldManagerPrefix + Role;

    /// <summary>The field manager naming the person: printable ASCII, at most 128 characters, as the API requires.</summary>
    public string FieldManager
    {
        get
        {
            var name = new StringBuilder(UserName.Length);
            foreach (var c in UserName)
            {
                name.Append(c is > ' ' and < '\u007f' ? c : '_');
            }

            var text = FieldManagerPrefix + name;
            return text.Length <= 128 ? text : text[..128];
        }
    }

    public static WriteActor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new WriteActor(user.Identity?.Name ?? "unknown", AccessRules.RoleOf(user));
    }
}
