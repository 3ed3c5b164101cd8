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

        if (!Uri.TryCreate(options.GrpcUrl, UriKind.Absolute, out var grpc) || grpc.Scheme is not ("http" or "https") || grpc.Port <= 0)
        {
            failures.Add($"Multinet:GrpcUrl \"{options.GrpcUrl}\" must be an absolute http(s) URL with a port, e.g. http://127.0.0.1:5081.");
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
