using Microsoft.Extensions.Options;

namespace Multinet.Web.Configuration;

internal sealed class ValidateMultinetOptions : IValidateOptions<MultinetOptions>
{
    public ValidateOptionsResult Validate(string? name, MultinetOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("Multinet:DataDir must name a directory.");
        }

        if (!Uri.TryCreate(options.GrpcUrl, UriKind.Absolute, out var grpc) || grpc.Scheme is not ("http" or "https") || grpc.Port < 0)
        {
            failures.Add($"Multinet:GrpcUrl \"{options.GrpcUrl}\" must be an absolute http(s) URL with a port (0 for any free port), e.g. http://127.0.0.1:5081.");
        }

        if (options.StaleAfter <= TimeSpan.Zero)
        {
            failures.Add($"Multinet:StaleAfter {options.StaleAfter} must be positive, e.g. 00:00:20.");
        }

        var kubeconfig = options.EffectiveKubeconfig(Environment.GetEnvironmentVariable);
        if (kubeconfig is not null && !File.Exists(kubeconfig))
        {
            failures.Add($"Kubeconfig \"{kubeconfig}\" (Multinet:Kubeconfig or KUBECONFIG) does not exist.");
        }

        if (options.AgentAuth.Mode is { Length: > 0 } mode
            && !string.Equals(mode, AgentAuthModes.ServiceAccountToken, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mode, AgentAuthModes.SharedSecret, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Multinet:AgentAuth:Mode \"{mode}\" must be {AgentAuthModes.ServiceAccountToken} or {AgentAuthModes.SharedSecret}.");
        }

        if (options.IsEmbedded && options.UsesAgentTokens)
        {
            failures.Add($"Multinet:AgentAuth:Mode {AgentAuthModes.ServiceAccountToken} needs a real cluster (its TokenReview API); the embedded mode uses {AgentAuthModes.SharedSecret}.");
        }

        if (options.InCluster && kubeconfig is not null)
        {
            failures.Add("Multinet:InCluster and a kubeconfig (Multinet:Kubeconfig or KUBECONFIG) exclude each other: choose one.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
