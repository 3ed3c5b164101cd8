using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Multinet.Web.Configuration;

namespace Multinet.Web.Auth;

internal static class AuthServiceCollectionExtensions
{
    public const string CookieName = "multinet.session";
    public const string LoginRateLimit = "login";
    private const string ConsoleScheme = "Console";

    /// <summary>
    /// Sign-in and roles: Identity's users in the console's SQLite file, its session cookie, personal API tokens, the
    /// viewer/operator/admin policies (viewer is the fallback: nothing is open by omission), login rate limiting and lockout.
    /// </summary>
    public static IServiceCollection AddConsoleAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleAuthOptions>().BindConfiguration(ConsoleAuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleAuthOptions>, ValidateConsoleAuthOptions>();
        var settings = configuration.GetSection(ConsoleAuthOptions.SectionName).Get<ConsoleAuthOptions>() ?? new ConsoleAuthOptions();

        void Sqlite(IServiceProvider provider, DbContextOptionsBuilder db) =>
            db.UseSqlite($"Data Source={provider.GetRequiredService<IOptions<MultinetOptions>>().Value.DataPath("console.db")}");
        services.AddDbContext<AuthDbContext>(Sqlite, optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContextFactory<AuthDbContext>(Sqlite);
        services.AddHostedService<InitialAdmin>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<UserAdministration>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = ConsoleScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(ConsoleScheme, "Session cookie or API token", o =>
                o.ForwardDefaultSelector = context => ApiTokenHandler.HasBearer(context.Request) ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddIdentityCore<ConsoleUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = settings.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+:"; // ':' for Kubernetes users
                o.SignIn.RequireConfirmedAccount = true; // "confirmed" is "not disabled": see EnabledUserConfirmation
            })
            .AddEntityFrameworkStores<AuthDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ConsoleClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserConfirmation<ConsoleUser>, EnabledUserConfirmation>();
        // Every request checks the session against the user (one indexed read): a cookie copied before sign-out, or a disabled
        // user's, stops working at once, and a changed role or namespace list applies from the next request.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.SkipSessionCheckForStaticAssets();
        services.AddSingleton<UserSessionEvents>();
        services.AddScoped<KubernetesTokenSignIn>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = settings.SessionIdle;
            o.SlidingExpiration = true;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => o.Cookie.Name = CookieName + ".external");

        services.AddAuthorization(ConsolePolicies.Configure);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
        services.AddScoped<CurrentUser>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain";
                return new ValueTask(context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address: wait a minute and try again.", cancellationToken));
            };
        });
        if (settings.Oidc.Enabled)
        {
            OidcSignIn.Add(services, settings.Oidc);
        }

        return services;
    }
}
