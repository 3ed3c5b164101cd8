using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Multinet.Kube;
using Multinet.Shared.Contracts;
using Multinet.Web.Configuration;

namespace Multinet.Web.Grpc;

/// <summary>
/// The shared secret agents present outside a cluster (embedded mode, docker-compose): <c>Multinet:AgentAuth:Secret</c>
/// when configured, else one generated on first start and kept in the data directory as <c>agent-secret</c>, readable by
/// the owner only (the agents of docker-compose read it from the shared volume).
/// </summary>
internal sealed class AgentSecret(IOptions<MultinetOptions> options, ILogger<AgentSecret> logger) : IAgentCredentialSource
{
    public const string FileName = "agent-secret";

    private readonly Lazy<string> _value = new(() => Load(options.Value, logger));

    public string Value => _value.Value;

    /// <summary>What this console's own simulated nodes present.</summary>
    public string? Credential => Value;

    public bool Matches(string? presented) => presented is not null && CryptographicOperations.FixedTimeEquals(
        System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(Value));

    private static string Load(MultinetOptions options, ILogger logger)
    {
        if (options.AgentAuth.Secret is { Length: > 0 } configured)
        {
            return configured;
        }

        var path = options.DataPath(FileName);
        var secret = OwnerOnlySecret.LoadOrCreate(path, out var created);
        if (created)
        {
            logger.LogInformation("Generated the agents' shared secret in {Path}", path);
        }

        return secret;
    }
}
