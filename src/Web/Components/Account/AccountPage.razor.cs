using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Multinet.Web.Auth;

namespace Multinet.Web.Components.Account;

/// <summary>The signed-in user's own page: who they are, their password, and their personal API tokens (created, shown once, revoked).</summary>
public sealed partial class AccountPage
{
    private IReadOnlyList<ApiTokenInfo> _tokens = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private IReadOnlyList<string> _namespaces = [];
    private string? _created;
    private string? _tokenName;
    private string _scope = ApiTokenScopes.Read;
    private int _days = 30;
    private string _name = "";
    private string _role = "";
    private string _userId = "";

    [Inject]
    internal ApiTokenService Tokens { get; set; } = null!;

    [Inject]
    public required AuthenticationStateProvider Auth { get; init; }

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        _name = user.Identity?.Name ?? "";
        _role = AccessRules.RoleOf(user);
        _namespaces = AccessRules.NamespacesOf(user);
        _userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        _tokens = await Tokens.ListAsync(_userId, CancellationToken.None);
    }

    private async Task CreateAsync()
    {
        var (token, errors) = await Tokens.CreateAsync(_userId, _tokenName, _scope, _days, CancellationToken.None);
        _errors = errors;
        _created = token;
        if (token is not null)
        {
            _tokenName = null;
            _tokens = await Tokens.ListAsync(_userId, CancellationToken.None);
        }
    }

    private async Task RevokeAsync(string id)
    {
        await Tokens.RevokeAsync(_userId, id, CancellationToken.None);
        _tokens = await Tokens.ListAsync(_userId, CancellationToken.None);
    }
}
