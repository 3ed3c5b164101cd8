using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;
using Multinet.Web.Search;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>The Pods, Services and Policies pages, rendered from node inventories as agents report them.</summary>
public sealed class InventoryPagesTests() : WebTestContext(TimeProvider.System)
{
    private void Report()
    {
        Live.NodeConnected("node-1", "Simulated", "1.0");
        Live.NodeSnapshot("node-1", new NodeInventory
        {
            Taps =
            [
                new TapStatus("default", "samplepod", "eth1", "blue", "172.19.0.4/32") { LinkUp = true, Mac = "02:fe:1a:2b:3c:4d" },
                new TapStatus("default", "samplepod", "eth2", "red", "172.20.0.1/32") { LinkUp = true },
            ],
            Memifs = [new MemifStatus("default", "memif-pod", "memif1", "blue", "/run/vpp/memif/m.sock", "master", "ethernet") { Address = "172.19.0.1/32", LinkUp = false, Mac = "02:fe:00:00:00:07" }],
            Services = [new ServiceEntryStatus("default", "my-service", "blue", "10.96.0.10", 80, "TCP") { Backends = ["172.19.0.2:9376", "172.19.0.3:9376"] }],
            Policies = [new PolicyBindingStatus("default", "samplepod", "eth2", "red") { Policies = ["default/my-policy"], Rules = [new("default/my-policy", "ingress", "Allow", "TCP") { Ports = ["7809"] }] }],
        });
        Live.NodeConnected("node-2", "Simulated", "1.0");
        Live.NodeSnapshot("node-2", new NodeInventory
        {
            Taps = [new TapStatus("apps", "myapp-1", "eth1", "blue", "172.19.0.2/32") { LinkUp = true }],
            Services = [new ServiceEntryStatus("default", "my-service", "blue", "10.96.0.10", 80, "TCP") { Backends = ["172.19.0.2:9376", "172.19.0.3:9376"] }],
        });
    }

    [Fact]
    public void Pods_ListsEveryInterfaceWithItsNetworkAddressKindAndNode()
    {
        Report();

        var cut = Render<PodsPage>();

        var rows = cut.FindAll("[data-testid=pod-row]");
        Assert.Equal(["apps/myapp-1", "default/memif-pod", "default/samplepod", "default/samplepod"], rows.Select(r => r.GetAttribute("data-pod")));
        var memif = rows[1].ParentElement!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["default/memif-pod", "memif1", "blue", "172.19.0.1/32", "02:fe:00:00:00:07", "–", "memif", "node-1", "down"], memif);
        Assert.Equal(["–", "02:fe:00:00:00:07", "02:fe:1a:2b:3c:4d", "–"], cut.FindAll("[data-testid=pod-mac]").Select(c => c.TextContent.Trim()));
        Assert.Contains("4 interfaces of 3 pods", cut.Find("[data-testid=pods-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Pods_FiltersFromTheUrl_AddressFindsThePodAndLinksLeadToItsNodeAndMesh()
    {
        Report();
        Services.GetRequiredService<NavigationManager>().NavigateTo("pods?q=172.19.0.4&network=blue");

        var cut = Render<PodsPage>();

        var row = Assert.Single(cut.FindAll("[data-testid=pod-row]"));
        Assert.Equal(("default/samplepod", "eth1"), (row.GetAttribute("data-pod"), row.GetAttribute("data-interface")));
        Assert.Equal("nodes/node-1?tab=tunnels", cut.Find("[data-testid=pod-node-link]").GetAttribute("href"));
        Assert.Equal("networks/blue?tab=mesh", cut.Find("[data-testid=pod-network-link]").GetAttribute("href"));
    }

    [Fact]
    public void Pods_AMacInTheUrl_FindsItsInterface_AndTheGlobalSearchLeadsThere()
    {
        Report();
        Services.GetRequiredService<NavigationManager>().NavigateTo("pods?q=02-FE-1A-2B-3C-4D");

        var cut = Render<PodsPage>();

        var row = Assert.Single(cut.FindAll("[data-testid=pod-row]"));
        Assert.Equal(("default/samplepod", "eth1"), (row.GetAttribute("data-pod"), row.GetAttribute("data-interface")));
        var hit = Assert.Single(ConsoleSearch.Find(Live.Current, "02:FE:1A:2B:3C:4D"));
        Assert.Equal(("Pod", "default/samplepod", "pods?q=02%3Afe%3A1a%3A2b%3A3c%3A4d"), (hit.Kind, hit.Title, hit.Href));
        Assert.Equal("blue 02:fe:1a:2b:3c:4d on eth1 · node-1", hit.Detail);
    }

    [Theory]
    [InlineData("taps", "node-tap-mac", "02:fe:00:00:00:0a")]
    [InlineData("memifs", "memif-mac", "02:fe:00:00:00:09")]
    public void NodeDetail_TapAndMemifTabs_ShowEachInterfacesMac(string tab, string cell, string mac)
    {
        Live.NodeConnected("node-1", "Vpp", "1.0");
        Live.NodeSnapshot("node-1", SampleInventory.Full());
        Services.GetRequiredService<NavigationManager>().NavigateTo($"nodes/node-1?tab={tab}");

        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-1"));

        Assert.Equal(mac, cut.Find($"[data-testid={cell}]").TextContent.Trim());
    }

    [Fact]
    public void Pods_NoneReported_SaysHowToAttachOne()
    {
        var cut = Render<PodsPage>();

        Assert.Contains("k8s.v1.cni.cncf.io/networks", cut.Find("[data-testid=pods-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_OneRowPerEntryWithEndpointsAndTheNodesThatProgrammedIt()
    {
        Report();

        var cut = Render<ServicesPage>();

        var row = Assert.Single(cut.FindAll("[data-testid=service-row]"));
        var cells = row.ParentElement!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["default/my-service", "blue", "10.96.0.10:80/TCP", "172.19.0.2:9376, 172.19.0.3:9376", "2 of 2 nodes"], cells);
    }

    [Fact]
    public void Policies_ShowTheRulesOnEachInterfaceAndFilterByNetwork()
    {
        Report();
        Services.GetRequiredService<NavigationManager>().NavigateTo("policies?network=blue");
        var empty = Render<PoliciesPage>();
        Assert.Empty(empty.FindAll("[data-testid=policy-row]"));

        Services.GetRequiredService<NavigationManager>().NavigateTo("policies?network=red");
        var cut = Render<PoliciesPage>();

        var row = Assert.Single(cut.FindAll("[data-testid=policy-row]"));
        Assert.Equal("default/samplepod/eth2", row.GetAttribute("data-interface"));
        Assert.Contains("default/my-policy", row.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_SelectorMatchesPodsNotOnTheNetwork_TheRowNamesThem_HereAndOnTheNetworksServicesTab()
    {
        Report();
        Live.UpsertNetwork(TestNetworks.Blue());
        var selector = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("app", "MyApp");
        Live.ReplaceObjects("test", _ => new ClusterObjects
        {
            Synced = true,
            Nads = LiveState.Keyed([new ClusterNad("default", "network-blue-conf", "blue", "calico", "whereabouts", null), new ClusterNad("default", "network-red-conf", "red", "calico", "whereabouts", null)], n => n.Key),
            Pods = LiveState.Keyed([
                new ClusterPod("default", "myapp-1", "node-2") { Labels = selector, Attachments = [new PodAttachment("default", "network-blue-conf", "eth1", ["172.19.0.2"], null)] },
                new ClusterPod("default", "myapp-3", "node-1") { Labels = selector, Attachments = [new PodAttachment("default", "network-red-conf", "eth1", ["172.20.0.3"], null)] },
                new ClusterPod("default", "myapp-2", "node-1") { Labels = selector },
                new ClusterPod("other", "myapp-9", "node-1") { Labels = selector },
            ], p => p.Key),
            Services = LiveState.Keyed([new ClusterService("default", "my-service", "blue") { Selector = selector }], s => s.Key),
        });

        var cut = Render<ServicesPage>();

        var warning = cut.Find("[data-testid=service-row] [data-testid=service-offnetwork-warning]");
        Assert.Equal("myapp-2,myapp-3", warning.GetAttribute("data-pods"));
        Assert.Contains("2 pods not on blue (myapp-2, myapp-3)", warning.TextContent, StringComparison.Ordinal);

        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=services");
        var network = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));
        Assert.Equal("myapp-2,myapp-3",
            network.Find("[data-testid=network-service-row] [data-testid=service-offnetwork-warning]").GetAttribute("data-pods"));
    }

    [Fact]
    public void Services_EveryMatchedPodOnTheNetwork_NoWarning()
    {
        Report();
        var selector = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("app", "MyApp");
        Live.ReplaceObjects("test", _ => new ClusterObjects
        {
            Nads = LiveState.Keyed([new ClusterNad("default", "network-blue-conf", "blue", "calico", "whereabouts", null)], n => n.Key),
            Pods = LiveState.Keyed([new ClusterPod("default", "myapp-1", "node-2") { Labels = selector, Attachments = [new PodAttachment("default", "network-blue-conf", "eth1", ["172.19.0.2"], null)] }], p => p.Key),
            Services = LiveState.Keyed([new ClusterService("default", "my-service", "blue") { Selector = selector }], s => s.Key),
        });

        var cut = Render<ServicesPage>();

        Assert.Single(cut.FindAll("[data-testid=service-row]"));
        Assert.Empty(cut.FindAll("[data-testid=service-offnetwork-warning]"));
    }

    [Fact]
    public void Search_APodsAddress_FindsThePodAndLeadsToItsRow()
    {
        Report();

        var hit = ConsoleSearch.Find(Live.Current, "172.19.0.4")[0];

        Assert.Equal(("Pod", "default/samplepod", "pods?q=172.19.0.4"), (hit.Kind, hit.Title, hit.Href));
        Assert.Contains("blue 172.19.0.4 on eth1 · node-1", hit.Detail, StringComparison.Ordinal);
    }
}
