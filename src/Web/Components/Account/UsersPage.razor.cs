using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Multinet.Web.Auth;

namespace Multinet.Web.Components.Account;

/// <summary>Admins list, create, disable and enable users, reset passwords and assign roles and namespaces; each change goes to the timeline.</summary>
public sealed partial class UsersPage
{
    private IReadOnlyList<UserRow> _users = [];
    private readonly Dictionary<string, (string Role, string Namespaces)> _edits = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private (string Name, string Password)? _handOver;
    private string? _message;
    private bool _busy;
    private string? _newName;
    private string _newRole = ConsoleRoles.Viewer;
    private string? _newNamespaces;

    [Inject]
    internal UserAdministration Users { get; set; } = null!;

    [Inject]
    public required AuthenticationStateProvider Auth { get; init; }

    protected override Task OnInitializedAsync() => ReloadAsync();

    private string RoleOf(UserRow user) => _edits.TryGetValue(user.Name, out var edit) ? edit.Role : user.Role;

    private string NamespacesOf(UserRow user) => _edits.TryGetValue(user.Name, out var edit) ? edit.Namespaces : user.Namespaces;

    private static string State(UserRow user) => string.Join(", ", new[]
    {
        user.Disabled ? "disabled" : "enabled",
        user.LockedOut ? "locked out" : null,
        user.MustChangePassword ? "must change password" : null,
    }.OfType<string>());

    private async Task ReloadAsync() => _users = await Users.ListAsync(CancellationToken.None);

    private Task CreateAsync() => RunAsync(async admin =>
    {
        var result = await Users.CreateAsync(admin, _newName, _newRole, _newNamespaces, CancellationToken.None);
        _errors = result.Errors;
        if (result.Succeeded)
        {
            _handOver = (_newName!.Trim(), result.OneTimePassword!);
            _newName = _newNamespaces = null;
        }
    });

    private Task SaveAsync(string name) => RunAsync(async admin =>
    {
        var (role, namespaces) = _edits[name];
        var result = await Users.SetRoleAsync(admin, name, role, namespaces, CancellationToken.None);
        _message = result.Errors.Values.FirstOrDefault();
        if (result.Succeeded)
        {
            _edits.Remove(name);
        }
    });

    private Task ToggleAsync(UserRow user) => RunAsync(async admin =>
        _message = (await Users.SetDisabledAsync(admin, user.Name, !user.Disabled, CancellationToken.None)).Errors.Values.FirstOrDefault());

    private Task ResetAsync(string name) => RunAsync(async admin =>
    {
        var result = await Users.ResetPasswordAsync(admin, name, CancellationToken.None);
        _message = result.Errors.Values.FirstOrDefault();
        _handOver = result.Succeeded ? (name, result.OneTimePassword!) : null;
    });

    private async Task RunAsync(Func<ClaimsPrincipal, Task> action)
    {
        _busy = true;
        _message = null;
        _handOver = null;
        try
        {
            await action((await Auth.GetAuthenticationStateAsync()).User);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
