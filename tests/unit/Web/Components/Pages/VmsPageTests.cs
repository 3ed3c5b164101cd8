using System.Collections.Immutable;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>Virtual machines beside pods: the VMs view, the VM badges on launcher pods, and a cluster without KubeVirt.</summary>
public sealed class VmsPageTests() : WebTestContext(TimeProvider.System)
{
    private const string Uid = "0b9f3c2e-1111-2222-3333-444455556666";

    private void Cluster(KubeVirtAvailability kubeVirt = KubeVirtAvailability.Served)
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.ReplaceObjects("test", _ => new ClusterObjects
        {
            Synced = true,
            KubeVirt = kubeVirt,
            Nads = LiveState.Keyed([new ClusterNad("default", "network-blue-conf", "blue", "calico", "whereabouts", null)], n => n.Key),
            Pods = LiveState.Keyed([
                new ClusterPod("default", "virt-launcher-vm1-abcde", "node-2")
                {
                    Labels = new Dictionary<string, string> { [KubeVirtConstants.AppLabel] = "virt-launcher", [KubeVirtConstants.CreatedByLabel] = Uid }
                        .ToImmutableDictionary(),
                    Attachments = [new PodAttachment("default", "network-blue-conf", "pod1a2b3c4d5e6", ["172.19.0.7"], "02:00:00:00:00:07")],
                },
            ], p => p.Key),
            Vmis = kubeVirt == KubeVirtAvailability.Served ? LiveState.Keyed([
                new ClusterVmi("default", "vm1")
                {
                    Uid = Uid, Phase = "Running", NodeName = "node-2", VmName = "vm1",
                    Interfaces =
                    [
                        new VmiInterfaceView("default", null, "masquerade") { GuestName = "eth0", Ips = ["10.244.2.5"], PodInterfaceName = "eth0" },
                        new VmiInterfaceView("blue", "default/network-blue-conf", "bridge")
                        {
                            GuestName = "eth1", Ips = ["172.19.0.7"], Mac = "02:00:00:00:00:07", PodInterfaceName = "pod1a2b3c4d5e6",
                        },
                    ],
                },
            ], v => v.Key) : ClusterObjects.Empty.Vmis,
            Vms = LiveState.Keyed([new ClusterVm("default", "stopped-vm", "Halted") { PrintableStatus = "Stopped" }], v => v.Key),
        });
    }

    [Fact]
    public void VmsView_ListsEachGuestInterface_WithNetworkAddressMacNodePhaseAndLauncherPod()
    {
        Cluster();

        var cut = Render<VmsPage>();

        var blue = cut.Find("[data-testid=vm-row][data-vm='default/vm1'][data-interface=eth1]").ParentElement!;
        Assert.Equal("blue", blue.QuerySelector("[data-testid=vm-network-link]")!.TextContent.Trim());
        Assert.Equal("172.19.0.7", blue.QuerySelector("[data-testid=vm-addresses]")!.TextContent.Trim());
        Assert.Contains("02:00:00:00:00:07", blue.TextContent, StringComparison.Ordinal);
        Assert.Contains("node-2", blue.TextContent, StringComparison.Ordinal);
        Assert.Equal("Running", blue.QuerySelector("[data-testid=vm-phase]")!.TextContent.Trim());
        Assert.Equal("virt-launcher-vm1-abcde", blue.QuerySelector("[data-testid=vm-launcher-link]")!.TextContent.Trim());
        Assert.Contains("interface=pod1a2b3c4d5e6", blue.QuerySelector("[data-testid=vm-rules-link]")!.GetAttribute("href"), StringComparison.Ordinal);
        var pod = cut.Find("[data-testid=vm-row][data-vm='default/vm1'][data-interface=eth0]").ParentElement!;
        Assert.Contains("pod network", pod.TextContent, StringComparison.Ordinal);
        var stopped = cut.Find("[data-testid=vm-row][data-vm='default/stopped-vm']").ParentElement!;
        Assert.Equal("Stopped", stopped.QuerySelector("[data-testid=vm-phase]")!.TextContent.Trim());
    }

    [Fact]
    public void NetworkDetailIpamTab_NamesTheVmInterfaceBehindTheLauncherPodsAddress()
    {
        Cluster();
        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=ipam");

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        var ipam = cut.Find("[data-testid=network-ipam-row][data-address='172.19.0.7']");
        var badge = ipam.QuerySelector("[data-testid=vm-badge]")!;
        Assert.Equal("default/vm1", badge.GetAttribute("data-vm"));
        Assert.Equal("eth1", badge.GetAttribute("data-guest-interface"));
    }

    [Fact]
    public void NetworkDetailPodsTab_ListsTheVmsInterfacesOnThisNetworkOnly()
    {
        Cluster();
        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=pods");

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        var row = Assert.Single(cut.FindAll("[data-testid=vm-row][data-vm='default/vm1']"));
        Assert.Equal("eth1", row.GetAttribute("data-interface"));
    }

    [Fact]
    public void WithoutKubeVirt_TheVmsViewSaysSo_AndOffersNothingToCreate()
    {
        Cluster(KubeVirtAvailability.Absent);

        var cut = Render<VmsPage>();

        Assert.Contains("KubeVirt is not installed", cut.Find("[data-testid=kubevirt-absent]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=vm-row]"));
        Assert.True(cut.Find("[data-testid=new-vm]").HasAttribute("disabled"));
    }
}
