using Multinet.Agent;
using Multinet.Agent.Controllers;

namespace Multinet.UnitTests.Agent.Controllers;

public sealed class ElectionOptionsTests
{
    [Fact]
    public void Validate_TimingsOutOfOrder_NamesEveryOption()
    {
        var result = new ValidateAgentOptions().Validate(null, new AgentOptions
        {
            NodeName = "node-1",
            LeaseNamespace = "Kube_System",
            LeaseDuration = TimeSpan.FromSeconds(5),
            RenewDeadline = TimeSpan.FromSeconds(10),
            RetryPeriod = TimeSpan.FromSeconds(10),
        });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:LeaseNamespace \"Kube_System\"", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:RenewDeadline 00:00:10 must be longer than Agent:RetryPeriod", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:LeaseDuration 00:00:05 must be longer than Agent:RenewDeadline", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ControllersDisabled_IgnoresTheElectionTimings()
    {
        var result = new ValidateAgentOptions().Validate(null, new AgentOptions { NodeName = "node-1", ControllersEnabled = false, LeaseDuration = TimeSpan.Zero });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void ForControllers_UsesTheOptionsAndAnIdentityPerAgentProcess()
    {
        var options = new AgentOptions { NodeName = "node-1" };

        var settings = LeaseElectorSettings.ForControllers(options);

        Assert.Equal(("kube-system", "multinet-controllers"), (settings.Namespace, settings.Name));
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)), (settings.LeaseDuration, settings.RenewDeadline, settings.RetryPeriod));
        Assert.StartsWith("node-1_", settings.Identity, StringComparison.Ordinal);
        Assert.NotEqual(settings.Identity, LeaseElectorSettings.ForControllers(options).Identity);
    }
}
