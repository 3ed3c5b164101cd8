using Bunit;
using Multinet.Shared.Cluster;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Auth;
using Multinet.Web.Components.Pages;
using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>Start, Stop and Restart on the VMs page: enabled as KubeVirt would take them, disabled with the reason otherwise and for viewers.</summary>
public sealed class VmActionsTests() : WebTestContext(TimeProvider.System)
{
    private void Cluster() => Live.ReplaceObjects("test", _ => new ClusterObjects
    {
        Synced = true,
        KubeVirt = KubeVirtAvailability.Served,
        Vmis = LiveState.Keyed([new ClusterVmi("default", "running-vm") { Uid = "u1", Phase = "Running", VmName = "running-vm" }], v => v.Key),
        Vms = LiveState.Keyed([
            new ClusterVm("default", "running-vm", "Always") { PrintableStatus = "Running", Ready = true },
            new ClusterVm("default", "stopped-vm", "Halted") { PrintableStatus = "Stopped" },
            new ClusterVm("team-b", "manual-vm", "Manual") { PrintableStatus = "Stopped" },
        ], v => v.Key),
    });

    private static bool Disabled(AngleSharp.Dom.IElement button) => button.HasAttribute("disabled");

    [Fact]
    public void Operator_MayStartAStoppedVm_StopAndRestartARunningOne_AndSeesWhyTheRestAreRefused()
    {
        Cluster();
        SignIn("olga", ConsoleRoles.Operator);

        var cut = Render<VmsPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=vm-actions-row]").Count), TimeSpan.FromSeconds(30));
        var running = "[data-vm='default/running-vm']";
        Assert.True(Disabled(cut.Find($"[data-testid=vm-start]{running}")));
        Assert.Equal("The VM is already running.", cut.Find($"[data-testid=vm-start]{running}").GetAttribute("title"));
        Assert.False(Disabled(cut.Find($"[data-testid=vm-stop]{running}")));
        Assert.False(Disabled(cut.Find($"[data-testid=vm-restart]{running}")));
        var stopped = "[data-vm='default/stopped-vm']";
        Assert.False(Disabled(cut.Find($"[data-testid=vm-start]{stopped}")));
        Assert.Equal("The VM is not running.", cut.Find($"[data-testid=vm-stop]{stopped}").GetAttribute("title"));
        Assert.Equal("Run strategy Halted takes no manual restart.", cut.Find($"[data-testid=vm-restart]{stopped}").GetAttribute("title"));
        Assert.False(Disabled(cut.Find("[data-testid=vm-start][data-vm='team-b/manual-vm']")));
        Assert.Equal("Halted", cut.Find($"[data-testid=vm-actions-row]{stopped}").ParentElement!.QuerySelector("[data-testid=vm-run-strategy]")!.TextContent.Trim());
    }

    [Fact]
    public void Viewer_SeesEveryActionDisabled_WithTheRoleAsTheReason()
    {
        Cluster();
        SignIn("vera", ConsoleRoles.Viewer);

        var cut = Render<VmsPage>();

        cut.WaitForAssertion(() => Assert.Equal(9, cut.FindAll("[data-testid=vm-start], [data-testid=vm-stop], [data-testid=vm-restart]").Count), TimeSpan.FromSeconds(30));
        foreach (var button in cut.FindAll("[data-testid=vm-start], [data-testid=vm-stop], [data-testid=vm-restart]"))
        {
            Assert.True(Disabled(button), button.OuterHtml);
            Assert.Contains("viewer", button.GetAttribute("title") ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void OperatorOfOneNamespace_MayActOnlyOnItsVms()
    {
        Cluster();
        SignIn("nina", ConsoleRoles.Operator, "default");

        var cut = Render<VmsPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=vm-actions-row]").Count), TimeSpan.FromSeconds(30));
        Assert.False(Disabled(cut.Find("[data-testid=vm-start][data-vm='default/stopped-vm']")));
        var other = cut.Find("[data-testid=vm-start][data-vm='team-b/manual-vm']");
        Assert.True(Disabled(other));
        Assert.Contains("team-b", other.GetAttribute("title") ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start", "Always", null, "Run strategy Always starts the VM by itself: it takes no manual start.")]
    [InlineData("start", "Manual", "Succeeded", null)]
    [InlineData("start", "RerunOnFailure", "Failed", "RerunOnFailure does not start a VM from the failed state.")]
    [InlineData("stop", "Always", null, null)]
    [InlineData("stop", "Manual", null, "The VM is not running.")]
    [InlineData("stop", "Halted", "Running", "Run strategy Halted takes only a stop with a shorter grace period.")]
    [InlineData("restart", "Once", "Running", "Run strategy Once takes no manual restart.")]
    [InlineData("restart", "RerunOnFailure", "Running", null)]
    public void Rules_FollowKubeVirtsSubresources(string action, string strategy, string? vmiPhase, string? refusal)
    {
        var vmi = vmiPhase is null ? null : new ClusterVmi("default", "vm") { Phase = vmiPhase };

        Assert.Equal(refusal, VmActionRules.Refusal(action, new ClusterVm("default", "vm", strategy), vmi));
    }
}
