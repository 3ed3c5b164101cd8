using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Web.Auth;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>The Users page's operations: field-precise refusals that create nothing, the last admin kept, every change on the timeline.</summary>
public sealed class UserAdministrationTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private UserAdministration Users => server.Services.GetRequiredService<UserAdministration>();

    private static ClaimsPrincipal Admin(string name = "root") =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, ConsoleRoles.Admin)], "test"));

    [Theory]
    [InlineData("", "viewer", "", "name")]
    [InlineData("bad name", "viewer", "", "name")]
    [InlineData("carol", "superuser", "", "role")]
    [InlineData("carol", "operator", "Team_A", "namespaces")]
    [InlineData("carol", "viewer", "default", "namespaces")]
    public async Task Create_BadInput_NamesTheField_AndCreatesNothing(string name, string role, string namespaces, string field)
    {
        var before = await Users.ListAsync(Token);

        var result = await Users.CreateAsync(Admin(), name, role, namespaces, Token);

        Assert.Equal([field], result.Errors.Keys);
        Assert.Null(result.OneTimePassword);
        Assert.Equal(before.Count, (await Users.ListAsync(Token)).Count);
    }

    [Fact]
    public async Task Create_ByANonAdmin_IsRefused()
    {
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "v"), new Claim(ClaimTypes.Role, ConsoleRoles.Viewer)], "test"));

        var result = await Users.CreateAsync(viewer, "mallory", ConsoleRoles.Admin, "", Token);

        Assert.False(result.Succeeded);
        Assert.DoesNotContain(await Users.ListAsync(Token), u => u.Name == "mallory");
    }

    [Fact]
    public async Task CreateSetRoleDisableReset_EachGoesToTheTimeline_WithTheAdminAsAuthor()
    {
        var name = KubeApi.KubeApiServer.UniqueName("dave");
        var admin = Admin("alice-admin");

        var created = await Users.CreateAsync(admin, name, ConsoleRoles.Viewer, "", Token);
        var promoted = await Users.SetRoleAsync(admin, name, ConsoleRoles.Operator, "default, kube-system", Token);
        var disabled = await Users.SetDisabledAsync(admin, name, true, Token);
        var reset = await Users.ResetPasswordAsync(admin, name, Token);

        Assert.True(created.Succeeded && promoted.Succeeded && disabled.Succeeded && reset.Succeeded);
        Assert.NotNull(created.OneTimePassword);
        Assert.NotEqual(created.OneTimePassword, reset.OneTimePassword);
        var row = Assert.Single(await Users.ListAsync(Token), u => u.Name == name);
        Assert.Equal((ConsoleRoles.Operator, "default,kube-system", true, true), (row.Role, row.Namespaces, row.Disabled, row.MustChangePassword));
        var entries = await server.Services.GetRequiredService<TimelineStore>().QueryAsync(new TimelineQuery { Name = name }, Token);
        Assert.Equal(
            [$"User {name}: password reset (one-time password)", $"User {name} disabled", $"User {name}: operator in default, kube-system", $"User {name} created: viewer"],
            entries.Select(e => e.Summary));
        Assert.All(entries, e => Assert.Equal(("User", "alice-admin"), (e.ObjectKind, e.Actor)));
    }

    [Fact]
    public async Task TheLastEnabledAdmin_CannotBeDemotedOrDisabled()
    {
        var admins = (await Users.ListAsync(Token)).Where(u => u.Role == ConsoleRoles.Admin && !u.Disabled).ToList();
        foreach (var other in admins.Skip(1))
        {
            Assert.True((await Users.SetDisabledAsync(Admin(), other.Name, true, Token)).Succeeded);
        }

        var last = admins[0].Name;
        var demoted = await Users.SetRoleAsync(Admin(), last, ConsoleRoles.Viewer, "", Token);
        var disabled = await Users.SetDisabledAsync(Admin(), last, true, Token);

        Assert.Equal("This is the last enabled admin: make another admin first.", demoted.Errors["role"]);
        Assert.Equal("This is the last enabled admin: make another admin first.", disabled.Errors["disabled"]);
        Assert.Equal(ConsoleRoles.Admin, Assert.Single(await Users.ListAsync(Token), u => u.Name == last).Role);
    }
}
