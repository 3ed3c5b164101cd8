using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Cluster;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>Pages that read the console's parsed cluster objects: NADs with their warnings, and what a Network's deletion would orphan.</summary>
public sealed class ClusterObjectsPagesTests() : WebTestContext(TimeProvider.System)
{
    private void Cluster()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.UpsertNetwork(TestNetworks.Red());
        Live.ReplaceObjects("test", _ => new ClusterObjects
        {
            Synced = true,
            Nads = LiveState.Keyed([
                new ClusterNad("default", "network-blue-conf", "blue", "calico", "whereabouts", null),
                new ClusterNad("other", "network-blue-conf", "blue", "calico", "whereabouts", null),
                new ClusterNad("default", "ghost-conf", "ghost", "calico", "whereabouts", null),
                new ClusterNad("default", "broken", null, null, null, "invalid JSON at line 1, column 3"),
            ], n => n.Key),
            Pods = LiveState.Keyed([
                new ClusterPod("default", "samplepod", "node-1") { Attachments = [new PodAttachment("default", "network-blue-conf", "eth1", ["172.19.0.4"], null)] },
            ], p => p.Key),
            Services = LiveState.Keyed([new ClusterService("default", "my-service", "blue")], s => s.Key),
        });
    }

    [Fact]
    public void NetworkUsage_CountsPodsServicesNadsAndAddresses()
    {
        Cluster();

        var usage = NetworkUsage.Of(LiveState.ViewOf(Live.Current), "blue");

        Assert.Equal(["default/network-blue-conf", "other/network-blue-conf"], usage.Nads);
        Assert.Equal(["default/samplepod"], usage.Pods);
        Assert.Equal(["default/my-service"], usage.Services);
        Assert.Equal(1, usage.AddressesUsed);
        Assert.True(usage.InUse);
        Assert.False(NetworkUsage.Of(LiveState.ViewOf(Live.Current), "red").InUse);
    }

    [Fact]
    public void Nads_ShowParsedConfigAndEveryConsistencyWarning()
    {
        Cluster();

        var cut = Render<NadsPage>();

        var warnings = cut.FindAll("[data-testid=nad-row]").ToDictionary(r => r.GetAttribute("data-nad")!, r => r.ParentElement!.QuerySelector("[data-testid=nad-warnings]")!.TextContent);
        Assert.Contains("invalid JSON at line 1, column 3", warnings["default/broken"], StringComparison.Ordinal);
        Assert.Contains("\"ghost\", which does not exist", warnings["default/ghost-conf"], StringComparison.Ordinal);
        Assert.Contains("also used in other", warnings["default/network-blue-conf"], StringComparison.Ordinal);
        var noNad = Assert.Single(cut.FindAll("[data-testid=nad-warning][data-kind=no-nad]"));
        Assert.Contains("Network red has no NAD", noNad.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Nads_CountPodsPerNad_AndFollowANewPod()
    {
        Cluster();
        var cut = Render<NadsPage>();
        string Pods(string nad) => cut.Find($"[data-testid=nad-row][data-nad='{nad}']").ParentElement!.Children[4].TextContent.Trim();
        Assert.Equal("1", Pods("default/network-blue-conf"));
        Assert.Equal("0", Pods("other/network-blue-conf"));

        Live.ReplaceObjects("test", o => o with
        {
            Pods = o.Pods.Add("other/p2", new ClusterPod("other", "p2", "node-2")
            {
                Attachments = [new PodAttachment("other", "network-blue-conf", "eth1", ["172.19.0.5"], null), new PodAttachment("other", "network-blue-conf", "eth2", ["172.19.0.6"], null)],
            }),
        });

        cut.WaitForAssertion(() => Assert.Equal("1", Pods("other/network-blue-conf"))); // two interfaces, one pod
        Assert.Equal("1", Pods("default/network-blue-conf"));
    }

    [Fact]
    public void Networks_ShowNadAndPodsAndAddressesUsed()
    {
        Cluster();

        var cut = Render<NetworksPage>();

        var blue = cut.Find("[data-testid=network-row][data-network=blue]").ParentElement!;
        Assert.Equal("2", blue.QuerySelector("[data-testid=network-nad]")!.TextContent.Trim());
        Assert.Equal("1", blue.QuerySelector("[data-testid=network-pods-count]")!.TextContent.Trim());
        Assert.Equal("1 / 65534", blue.QuerySelector("[data-testid=network-addresses]")!.TextContent.Trim());
        var red = cut.Find("[data-testid=network-row][data-network=red]").ParentElement!;
        Assert.Contains("missing", red.QuerySelector("[data-testid=network-nad]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteAUsedNetwork_ListsItsUsersAndNeedsItsNameTypedBeforeDeleting()
    {
        Cluster();
        var providers = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<NetworksPage>();

        cut.Find("[data-testid=network-row][data-network=blue]").ParentElement!.QuerySelector("[data-testid=network-delete]")!.Click();

        providers.WaitForAssertion(() => Assert.Contains("default/samplepod", providers.Find("[data-testid=usage-pods]").TextContent, StringComparison.Ordinal));
        Assert.Contains("default/my-service", providers.Find("[data-testid=usage-services]").TextContent, StringComparison.Ordinal);
        Assert.True(providers.Find("[data-testid=delete-network-ok]").HasAttribute("disabled"));
        providers.Find("[data-testid=delete-network-dialog] input").Input("blue");
        providers.WaitForAssertion(() => Assert.False(providers.Find("[data-testid=delete-network-ok]").HasAttribute("disabled")));
        providers.Find("[data-testid=delete-network-ok]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["blue"], Writer.Deleted));
    }

    [Fact]
    public void DeleteAnUnusedNetwork_SaysSoAndDeletesOnOneClick()
    {
        Cluster();
        var providers = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<NetworksPage>();

        cut.Find("[data-testid=network-row][data-network=red]").ParentElement!.QuerySelector("[data-testid=network-delete]")!.Click();

        providers.WaitForAssertion(() => providers.Find("[data-testid=delete-network-unused]"));
        providers.Find("[data-testid=delete-network-ok]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["red"], Writer.Deleted));
    }

    [Fact]
    public void ImpactOfARangeEdit_NamesTheAffectedPodsServicesAndAddressesOutsideTheNewRange()
    {
        Cluster();

        var impact = Multinet.Web.Model.NetworkImpact.Of(TestNetworks.Blue(), new Multinet.Shared.Crds.NetworkSpec { Vni = 56, Range = "172.19.128.0/17" }, Live.Current);

        Assert.Equal(["default/samplepod"], impact.Usage!.Pods);
        Assert.Equal(["default/my-service"], impact.Usage.Services);
        Assert.Equal(["default/samplepod 172.19.0.4"], impact.OutsideNewRange);
    }

    [Fact]
    public void NetworkIpamTab_ListsEachAddressWithItsPodInterfaceAndTheUsage()
    {
        Cluster();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("networks/blue?tab=ipam");

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        var row = Assert.Single(cut.FindAll("[data-testid=network-ipam-row]"));
        Assert.Equal(["172.19.0.4", "default/samplepod", "eth1", "node-1"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("1 of 65534 addresses used", cut.Find("[data-testid=network-ipam-usage]").TextContent.Trim());
    }

    [Fact]
    public void Overview_CountsPodsAttachedNetworksNotReadyAndWarnings()
    {
        Cluster();

        var cut = Render<HomePage>();

        Assert.Contains("1", cut.Find("[data-testid=overview-pods]").TextContent, StringComparison.Ordinal);
        Assert.Contains("blue, red", cut.Find("[data-testid=overview-networks-not-ready]").TextContent, StringComparison.Ordinal);
        Assert.Contains("NAD default/broken: spec.config invalid JSON", cut.Find("[data-testid=overview-warnings]").TextContent, StringComparison.Ordinal);
    }
}
