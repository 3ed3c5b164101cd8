using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.Shared.Domain.DataplaneOperation;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>Policy bindings as ACLs on the pod interface, through the driver to the fake VPP's ACL plugin.</summary>
public sealed class VppDataplanePolicyTests
{
    private static readonly DataplaneTable s_blue = new(56, false, "multinet:blue");
    private static readonly PodInterfaceSpec s_tap = new(PodInterfaceKind.Tap, "default", "web", "eth1", "blue", 56, "10.1.1.6/32");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static PolicyBindingSpec Binding(params PolicyRuleSpec[] rules) =>
        new(s_tap.Tag, "default", "web", "eth1", "blue") { Policies = ["default/p"], Rules = [.. rules] };

    private static readonly PolicyRuleSpec s_denyWeb = new("default/p", "ingress", "Deny", "TCP") { Nets = ["10.0.0.0/8"], Ports = ["80", "8000:8080"] };

    [Fact]
    public async Task BindPolicy_PutsAnInputAndAnOutputAclOnThePodInterface_RebindReplacesThemInPlace_UnbindRemovesThem()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        await dataplane.ApplyAsync(new AddTable(s_blue), Token);
        await dataplane.ApplyAsync(new AddPodInterface(s_tap), Token);
        var tap = vpp.Interfaces.Single(i => i.Tap is not null).SwIfIndex;

        await dataplane.ApplyAsync(new BindPolicy(Binding(s_denyWeb)), Token);
        var first = vpp.AclBindings[tap];
        var dumped = Assert.Single((await dataplane.DumpAsync(Token)).Policies);
        await dataplane.ApplyAsync(new BindPolicy(Binding(s_denyWeb with { Action = "Allow" })), Token);
        var second = vpp.AclBindings[tap];

        Assert.Equal((s_tap.Tag, "blue"), (dumped.InterfaceTag, dumped.Network));
        Assert.Equal(Binding(s_denyWeb).Rules, dumped.Rules);
        Assert.Equal(first.Input, second.Input);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(2, vpp.Acls.Count);
        Assert.Equal(AclRule.PermitReflect, vpp.Acls[second.Output.Single()].Rules[0].Action);

        await dataplane.ApplyAsync(new UnbindPolicy(Binding()), Token);

        Assert.Empty(vpp.Acls);
        Assert.Equal(([], []), (vpp.AclBindings[tap].Input.ToArray(), vpp.AclBindings[tap].Output.ToArray()));
        Assert.Empty((await dataplane.DumpAsync(Token)).Policies);
    }

    [Fact]
    public void AclRules_IngressDeny_OneRulePerNetAndPortRange_ThenDenyAll_EgressWithoutRulesPermitsAndReflects()
    {
        var output = VppDataplane.AclRules(new BindPolicy(Binding(s_denyWeb)), [s_denyWeb]);
        var input = VppDataplane.AclRules(new BindPolicy(Binding(s_denyWeb)), []);

        Assert.Equal(
        [
            new AclRule(AclRule.Deny, IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("0.0.0.0/0"), 6, 80, 80),
            new AclRule(AclRule.Deny, IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("0.0.0.0/0"), 6, 8000, 8080),
            new AclRule(AclRule.Deny, IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("0.0.0.0/0"), 0, 0, 65535),
            new AclRule(AclRule.Deny, IPNetwork.Parse("::/0"), IPNetwork.Parse("::/0"), 0, 0, 65535),
        ], output);
        Assert.All(input, r => Assert.Equal(AclRule.PermitReflect, r.Action));
    }

    [Fact]
    public async Task DeletePodInterface_WithABinding_LeavesNoAclBehind()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        await dataplane.ApplyAsync(new AddTable(s_blue), Token);
        await dataplane.ApplyAsync(new AddPodInterface(s_tap), Token);
        await dataplane.ApplyAsync(new BindPolicy(Binding(s_denyWeb)), Token);

        await dataplane.ApplyAsync(new DeletePodInterface(Assert.Single((await dataplane.DumpAsync(Token)).Interfaces)), Token);

        Assert.Empty(vpp.Acls);
    }

    [Fact]
    public async Task BindPolicy_AclPluginNotLoaded_FailsClearly()
    {
        await using var vpp = new FakeVppServer(withoutPlugins: ["acl_"]);
        await using var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        await dataplane.ApplyAsync(new AddTable(s_blue), Token);
        await dataplane.ApplyAsync(new AddPodInterface(s_tap), Token);

        var ex = await Assert.ThrowsAsync<Multinet.Agent.Dataplane.DataplaneException>(() => dataplane.ApplyAsync(new BindPolicy(Binding(s_denyWeb)), Token));

        Assert.Contains("acl plugin not loaded", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await dataplane.DumpAsync(Token)).Policies);
    }
}
