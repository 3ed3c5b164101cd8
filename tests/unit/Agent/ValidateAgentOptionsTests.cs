using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;

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
    public void Validate_VppDataplane_SucceedsWithTheDefaultSocket()
    {
        var options = new AgentOptions { NodeName = "node-1", Dataplane = "Vpp" };

        var result = new ValidateAgentOptions().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("/run/vpp/api.sock", options.VppApiSocket);
    }

    [Fact]
    public void Validate_VppDataplaneWithoutSocket_FailsNamingTheOption()
    {
        var result = new ValidateAgentOptions().Validate(null, new AgentOptions { NodeName = "node-1", Dataplane = "Vpp", VppApiSocket = " " });

        Assert.True(result.Failed);
        Assert.Contains("Agent:VppApiSocket is required", Assert.Single(result.Failures!), StringComparison.Ordinal);
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
    public async Task CreateBuilder_VppDataplaneWithoutSocket_FailsAtStart()
    {
        using var host = AgentHost.CreateBuilder(new AgentOptions { NodeName = "node-1", Dataplane = "Vpp", VppApiSocket = "" }).Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Agent:VppApiSocket is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_VppDataplane_ResolvesTheVppDriverWithoutConnecting()
    {
        using var host = AgentHost.CreateBuilder(new AgentOptions { NodeName = "node-1", Dataplane = "Vpp", VppApiSocket = "/nonexistent/api.sock" }).Build();

        var dataplane = host.Services.GetRequiredService<IDataplane>();

        Assert.IsType<VppDataplane>(dataplane);
        Assert.Equal("Vpp", dataplane.Kind);
    }

    [Fact]
    public void CreateBuilder_EverySetting_ReachesTheAgentAsGiven()
    {
        var given = new AgentOptions
        {
            NodeName = "node-7", ConsoleUrl = "https://console.example:7443", Kubeconfig = null, Dataplane = "Vpp",
            VppApiSocket = "/run/vpp/other.sock", ResyncInterval = TimeSpan.FromSeconds(11), CountersInterval = TimeSpan.FromMilliseconds(1500),
            HeartbeatInterval = TimeSpan.FromSeconds(7), MissingKindRetryInterval = TimeSpan.FromMinutes(3), ControllersEnabled = false,
            LeaseNamespace = "multinet-system", LeaseDuration = TimeSpan.FromSeconds(31), RenewDeadline = TimeSpan.FromSeconds(21),
            RetryPeriod = TimeSpan.FromSeconds(3),
        };

        using var host = AgentHost.CreateBuilder(given).Build();
        var bound = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(given), System.Text.Json.JsonSerializer.Serialize(bound));
    }
}
