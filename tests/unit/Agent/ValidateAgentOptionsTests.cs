using Microsoft.Extensions.Options;
using Multinet.Agent;

namespace Multinet.UnitTests.Agent;

public sealed class ValidateAgentOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new ValidateAgentOptions().Validate(null, new AgentOptions { NodeName = "node-1" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_VppDataplane_FailsSayingTheDriverIsNotAvailable()
    {
        var result = new ValidateAgentOptions().Validate(null, new AgentOptions { NodeName = "node-1", Dataplane = "Vpp" });

        Assert.True(result.Failed);
        Assert.Contains("VPP driver is not available yet", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsThemAllAtOnce()
    {
        var result = new ValidateAgentOptions().Validate(null, new AgentOptions
        {
            NodeName = " ",
            ConsoleUrl = "127.0.0.1:5081",
            Kubeconfig = "/nonexistent/kubeconfig",
            Dataplane = "Dpdk",
            ResyncInterval = TimeSpan.Zero,
            HeartbeatInterval = TimeSpan.FromSeconds(-1),
        });

        Assert.Equal(6, result.Failures!.Count());
    }

    [Fact]
    public async Task CreateBuilder_VppDataplane_FailsAtStart()
    {
        using var host = AgentHost.CreateBuilder(new AgentOptions { NodeName = "node-1", Dataplane = "Vpp" }).Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("VPP driver is not available yet", ex.Message, StringComparison.Ordinal);
    }
}
