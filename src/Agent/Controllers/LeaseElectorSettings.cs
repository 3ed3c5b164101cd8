namespace Multinet.Agent.Controllers;

/// <summary>Which Lease an elector competes for, under which identity, and its timing (client-go's meaning for each).</summary>
internal sealed record LeaseElectorSettings(string Namespace, string Name, string Identity, TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    /// <summary>The Lease the agents' cluster controllers are elected with.</summary>
    public const string ControllersLeaseName = "multinet-controllers";

    public static LeaseElectorSettings ForControllers(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.LeaseNamespace, ControllersLeaseName, $"{options.NodeName}_{Guid.NewGuid():N}"[..Math.Min(options.NodeName.Length + 9, 253)],
            options.LeaseDuration, options.RenewDeadline, options.RetryPeriod);
    }
}
