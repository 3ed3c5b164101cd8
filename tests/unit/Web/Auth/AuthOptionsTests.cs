using Multinet.Web.Auth;

namespace Multinet.UnitTests.Web.Auth;

public sealed class AuthOptionsTests
{
    private static readonly OidcOptions s_oidc = new()
    {
        Authority = "https://login.example.com", ClientId = "console", AdminGroups = ["net-admins"], OperatorGroups = ["net-ops", "sre"], ViewerGroups = ["staff"],
    };

    [Theory]
    [InlineData(new[] { "staff", "net-admins" }, "admin")]
    [InlineData(new[] { "sre" }, "operator")]
    [InlineData(new[] { "staff" }, "viewer")]
    [InlineData(new[] { "finance", "" }, null)]
    public void OidcGroups_GiveTheHighestMappedRole_OrNone(string[] groups, string? role) => Assert.Equal(role, s_oidc.RoleFor(groups));

    [Fact]
    public void Validate_BadSettings_ReportsEveryProblemAtOnce()
    {
        var options = new ConsoleAuthOptions
        {
            InitialAdminPassword = "short", SessionIdle = TimeSpan.Zero, LoginAttemptsPerMinute = 0,
            Oidc = new OidcOptions { Authority = "http://login.example.com" },
        };

        var result = new ValidateConsoleAuthOptions().Validate(null, options);

        Assert.Equal(6, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("InitialAdminPassword must be at least 12", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("absolute https URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmptyPasswordSetting_MeansNone()
    {
        Assert.True(new ValidateConsoleAuthOptions().Validate(null, new ConsoleAuthOptions { InitialAdminPassword = "" }).Succeeded);
    }
}
