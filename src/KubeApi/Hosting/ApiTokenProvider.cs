using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Multinet.Kube;

namespace Multinet.KubeApi.Hosting;

/// <summary>
/// The bearer token the embedded API accepts: <c>Multinet:ApiToken</c> when configured, else one generated on first
/// start and kept in the data directory (readable by the owner only) so it survives restarts.
/// </summary>
internal sealed class ApiTokenProvider(IConfiguration configuration, IOptions<KubeApiOptions> options, ILogger<ApiTokenProvider> logger)
{
    public const string ConfigurationKey = "Multinet:ApiToken";

    private readonly Lazy<string> _token = new(() => Load(configuration, options.Value, logger));

    public string Token => _token.Value;

    /// <summary>Compares in constant time.</summary>
    public bool IsValid(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(Token));

    private static string Load(IConfiguration configuration, KubeApiOptions options, ILogger logger)
    {
        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
        {
            return configured;
        }

        var path = options.DataPath("api-token");
        var token = OwnerOnlySecret.LoadOrCreate(path, out var created);
        if (created)
        {
            logger.LogInformation("Generated the embedded API token in {Path}", path);
        }

        return token;
    }
}
