using Microsoft.Extensions.Options;
using Multinet.Agent.Dataplane;

namespace Multinet.Agent;

/// <summary>Checks <see cref="AgentOptions"/> at start and reports every problem at once.</summary>
internal sealed class ValidateAgentOptions : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.NodeName))
        {
            failures.Add("Agent:NodeName is required (or set NODE_NAME).");
        }

        if (!Uri.TryCreate(options.ConsoleUrl, UriKind.Absolute, out var console) || console.Scheme is not ("http" or "https"))
        {
            failures.Add($"Agent:ConsoleUrl \"{options.ConsoleUrl}\" must be an absolute http(s) URL, e.g. http://127.0.0.1:5081.");
        }

        if (!string.IsNullOrWhiteSpace(options.Kubeconfig) && !File.Exists(options.Kubeconfig))
        {
            failures.Add($"Agent:Kubeconfig \"{options.Kubeconfig}\" does not exist.");
        }

        if (string.Equals(options.Dataplane, DataplaneKinds.Vpp, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.VppApiSocket))
            {
                failures.Add("Agent:VppApiSocket is required with the Vpp dataplane, e.g. /run/vpp/api.sock.");
            }
        }
        else if (!string.Equals(options.Dataplane, DataplaneKinds.Simulated, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Agent:Dataplane \"{options.Dataplane}\" is not a known driver; use \"Simulated\" or \"Vpp\".");
        }

        if (options.ResyncInterval <= TimeSpan.Zero)
        {
            failures.Add($"Agent:ResyncInterval {options.ResyncInterval} must be positive.");
        }

        if (options.CountersInterval <= TimeSpan.Zero)
        {
            failures.Add($"Agent:CountersInterval {options.CountersInterval} must be positive.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"Agent:HeartbeatInterval {options.HeartbeatInterval} must be positive.");
        }

        if (options.MissingKindRetryInterval <= TimeSpan.Zero)
        {
            failures.Add($"Agent:MissingKindRetryInterval {options.MissingKindRetryInterval} must be positive.");
        }

        if (options.ControllersEnabled)
        {
            ValidateElection(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateElection(AgentOptions options, List<string> failures)
    {
        if (Shared.Validation.NetworkValidator.CheckDns1123Label(options.LeaseNamespace) is { } message)
        {
            failures.Add($"Agent:LeaseNamespace \"{options.LeaseNamespace}\" is not a namespace name: {message}");
        }

        if (options.RetryPeriod <= TimeSpan.Zero)
        {
            failures.Add($"Agent:RetryPeriod {options.RetryPeriod} must be positive.");
        }

        if (options.RenewDeadline <= options.RetryPeriod)
        {
            failures.Add($"Agent:RenewDeadline {options.RenewDeadline} must be longer than Agent:RetryPeriod {options.RetryPeriod}.");
        }

        if (options.LeaseDuration <= options.RenewDeadline)
        {
            failures.Add($"Agent:LeaseDuration {options.LeaseDuration} must be longer than Agent:RenewDeadline {options.RenewDeadline}.");
        }
    }
}
