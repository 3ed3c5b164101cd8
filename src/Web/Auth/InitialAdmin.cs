using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Multinet.Web.Configuration;
using Multinet.Web.Data;

namespace Multinet.Web.Auth;

/// <summary>
/// At start: creates the user tables when missing and, while there is no user at all, the first admin. Its password
/// comes from <see cref="ConsoleAuthOptions.InitialAdminPassword"/>, or is a random one-time password, logged once and
/// written to <see cref="PasswordFileName"/> in the data directory (owner-only), that the first sign-in must change.
/// </summary>
internal sealed partial class InitialAdmin(IServiceProvider services, IOptions<ConsoleAuthOptions> auth, IOptions<MultinetOptions> multinet,
    TimeProvider time, ILogger<InitialAdmin> logger) : IHostedService
{
    public const string PasswordFileName = "initial-admin-password";
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        await SqliteTables.EnsureAsync(db, "AspNetUsers", cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var configured = auth.Value.InitialAdminPassword;
        var password = string.IsNullOrEmpty(configured) ? NewPassword() : configured;
        var admin = new ConsoleUser
        {
            UserName = auth.Value.InitialAdminUser, Role = ConsoleRoles.Admin, MustChangePassword = configured is null or "",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the first admin: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        if (admin.MustChangePassword)
        {
            var file = multinet.Value.DataPath(PasswordFileName);
            WriteOwnerOnly(file, password + "\n");
            LogOneTimePassword(admin.UserName!, password, file);
        }
        else
        {
            LogConfiguredAdmin(admin.UserName!);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes the one-time password's file once the admin replaced that password.</summary>
    public static void ForgetOneTimePassword(MultinetOptions options, string oneTimePassword)
    {
        ArgumentNullException.ThrowIfNull(options);
        var file = options.DataPath(PasswordFileName);
        if (File.Exists(file) && File.ReadAllText(file).Trim() == oneTimePassword)
        {
            File.Delete(file);
        }
    }

    /// <summary>20 characters from 56 unambiguous ones: about 116 bits.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 20);

    private static void WriteOwnerOnly(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No users yet: created the admin \"{User}\" with the one-time password {Password} (also in {File}, readable only by its owner). Sign in with it and choose a new password.")]
    private partial void LogOneTimePassword(string user, string password, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "No users yet: created the admin \"{User}\" with the password from Multinet:Auth:InitialAdminPassword.")]
    private partial void LogConfiguredAdmin(string user);
}
