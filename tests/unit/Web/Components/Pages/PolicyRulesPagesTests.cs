using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>The effective policy rules on pod interfaces: the Policies page and the node and network pages' policies tabs.</summary>
public sealed class PolicyRulesPagesTests() : WebTestContext(TimeProvider.System)
{
    private static readonly PolicyBindingStatus s_red = new("default", "samplepod", "eth2", "red")
    {
        Policies = ["default/a-first", "default/my-policy"],
        Rules =
        [
            new("default/a-first", "ingress", "Deny", null) { Nets = ["10.9.0.0/16"] },
            new("default/my-policy", "ingress", "Allow", "TCP") { Ports = ["7809", "8000:8080"] },
            new("default/my-policy", "egress", "Allow", "UDP") { Nets = ["172.20.0.0/16", "fd00::/64"], Ports = ["dns"] },
        ],
    };

    private void Report()
    {
        Live.NodeConnected("node-1", "Simulated", "1.0");
        Live.NodeSnapshot("node-1", new NodeInventory
        {
            Taps = [new TapStatus("default", "samplepod", "eth1", "blue", "172.19.0.4/32"), new TapStatus("default", "samplepod", "eth2", "red", "172.20.0.1/32")],
            Policies = [s_red],
        });
        Live.NodeConnected("node-2", "Simulated", "1.0");
        Live.NodeSnapshot("node-2", new NodeInventory
        {
            Taps = [new TapStatus("apps", "myapp-1", "eth1", "blue", "172.19.0.2/32")],
            Policies = [new PolicyBindingStatus("apps", "myapp-1", "eth1", "blue") { Policies = ["apps/web"], Rules = [new("apps/web", "ingress", "Allow", "TCP") { Ports = ["80"] }] }],
        });
    }

    private void Navigate(string uri) => Services.GetRequiredService<NavigationManager>().NavigateTo(uri);

    private static List<List<string>> RuleRows<T>(IRenderedComponent<T> cut, string key)
        where T : IComponent =>
        [.. cut.FindAll($"[data-testid=policy-rule][data-interface='{key}']")
            .Select(cell => cell.ParentElement!.QuerySelectorAll("td").Where(td => td.GetAttribute("rowspan") is null).Select(td => td.TextContent.Trim()).ToList())];

    [Fact]
    public void Policies_InterfaceSelectedInTheUrl_ShowsItsEffectiveRulesInEnforcementOrder()
    {
        Report();
        Navigate("policies?pod=default/samplepod&interface=eth2");

        var cut = Render<PoliciesPage>();

        Assert.Equal(["default/samplepod/eth2"], cut.FindAll("[data-testid=policy-row]").Select(r => r.GetAttribute("data-interface")));
        Assert.Equal(
        [
            ["1", "default/a-first", "ingress", "Deny", "any", "10.9.0.0/16", "any"],
            ["2", "default/my-policy", "ingress", "Allow", "TCP", "any", "7809, 8000:8080"],
            ["3", "default/my-policy", "egress", "Allow", "UDP", "172.20.0.0/16, fd00::/64", "dns"],
        ], RuleRows(cut, "default/samplepod/eth2"));
        var summary = cut.Find("[data-testid=policies-interface-rules]").TextContent;
        Assert.Contains("3 rules on default/samplepod eth2 on red (node node-1)", summary, StringComparison.Ordinal);
        Assert.Contains("denied", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Policies_InterfaceWithoutRules_SaysNoRuleAppliesAndItsTrafficIsAllowed()
    {
        Report();
        Navigate("policies?pod=default/samplepod&interface=eth1");

        var cut = Render<PoliciesPage>();

        Assert.Empty(cut.FindAll("[data-testid=policy-rule]"));
        var summary = cut.Find("[data-testid=policies-interface-no-rules]").TextContent;
        Assert.Contains("No network-scoped rule applies to default/samplepod eth1 on blue", summary, StringComparison.Ordinal);
        Assert.Contains("all its traffic there is allowed", summary, StringComparison.Ordinal);
        Assert.Equal("No rule is enforced on this interface.", cut.Find("[data-testid=policy-rules-empty]").TextContent.Trim());
    }

    [Fact]
    public void Policies_InterfaceNoNodeReports_SaysSo()
    {
        Report();
        Navigate("policies?pod=default/ghost&interface=eth9");

        var cut = Render<PoliciesPage>();

        Assert.Contains("No node reports a pod interface default/ghost eth9", cut.Find("[data-testid=policies-interface-unknown]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=policy-row]"));
    }

    [Fact]
    public void Policies_NoSelection_EveryInterfaceWithRules_EachLinkingToItsOwnView_AndThePolicyFilterKeepsTheirBindings()
    {
        Report();

        var cut = Render<PoliciesPage>();

        Assert.Equal(["apps/myapp-1/eth1", "default/samplepod/eth2"], cut.FindAll("[data-testid=policy-row]").Select(r => r.GetAttribute("data-interface")));
        Assert.Equal(4, cut.FindAll("[data-testid=policy-rule]").Count);
        Assert.Equal("policies?pod=default%2Fsamplepod&interface=eth2",
            cut.Find("[data-testid=policy-row][data-interface='default/samplepod/eth2'] [data-testid=policy-interface-link]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=policies-interface-summary]"));

        Navigate("policies?policy=default/a-first");
        cut.WaitForAssertion(() => Assert.Equal(["default/samplepod/eth2"], cut.FindAll("[data-testid=policy-row]").Select(r => r.GetAttribute("data-interface"))));
    }

    [Fact]
    public void Policies_RulesChangeOnTheNode_ThePageFollows()
    {
        Report();
        Navigate("policies?pod=default/samplepod&interface=eth2");
        var cut = Render<PoliciesPage>();

        Live.NodeDelta("node-1", NodeReportDelta.Empty with { Policies = new([s_red with { Rules = [s_red.Rules[1] with { Action = "Deny" }] }], []) });

        cut.WaitForAssertion(() => Assert.Equal([["1", "default/my-policy", "ingress", "Deny", "TCP", "any", "7809, 8000:8080"]],
            RuleRows(cut, "default/samplepod/eth2")));
    }

    [Fact]
    public async Task Policies_PickingAnInterface_OffersEveryPodInterfaceAndPutsTheChoiceInTheUrl()
    {
        Report();
        Navigate("policies");
        var cut = Render<PoliciesPage>();

        var picker = cut.FindComponent<MudBlazor.MudAutocomplete<string>>();
        Assert.Equal(["apps/myapp-1/eth1", "default/samplepod/eth1", "default/samplepod/eth2"], await Offered(picker, ""));
        Assert.Equal(["default/samplepod/eth1", "default/samplepod/eth2"], await Offered(picker, "SAMPLEpod"));
        Assert.Empty(await Offered(picker, "no-such-pod"));
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("default/samplepod/eth2"));

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.EndsWith("policies?pod=default%2Fsamplepod&interface=eth2", navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=policy-rule]").Count));
    }

    [Fact]
    public async Task Policies_ThousandsOfInterfaces_ThePickerOffersAFewAndTypingNarrowsThem()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        Live.NodeSnapshot("node-1", NodeInventory.Empty with
        {
            Taps = [.. Enumerable.Range(0, 5000).Select(i => new TapStatus("default", $"pod-{i:D4}", "eth1", "blue", $"172.19.{i / 250}.{i % 250 + 1}/32"))],
        });
        Navigate("policies");
        var cut = Render<PoliciesPage>();

        var picker = cut.FindComponent<MudBlazor.MudAutocomplete<string>>();

        Assert.Equal(50, (await Offered(picker, "")).Length);
        Assert.Equal(["default/pod-4999/eth1"], await Offered(picker, "pod-4999"));
        Assert.Empty(cut.FindComponents<MudBlazor.MudSelectItem<string>>()); // nothing rendered per interface
    }

    [Fact]
    public void Policies_NothingBound_SaysNoRuleApplies()
    {
        var cut = Render<PoliciesPage>();

        Assert.Equal("No network-scoped rule applies to any pod interface.", cut.Find("[data-testid=policy-rules-empty]").TextContent.Trim());
    }

    [Fact]
    public void Policies_AgentThatReportsOnlyACount_SaysSoInsteadOfListingRules()
    {
        Live.NodeConnected("node-1", "Simulated", "0.9");
        Live.NodeSnapshot("node-1", new NodeInventory { Policies = [new PolicyBindingStatus("default", "samplepod", "eth2", "red") { Policies = ["default/my-policy"], RuleCount = 2 }] });

        var cut = Render<PoliciesPage>();

        Assert.Empty(cut.FindAll("[data-testid=policy-rule]"));
        Assert.Equal("default/my-policy: 2 rule(s); this node's agent reports no rule details", cut.Find("[data-testid=policy-rules-unreported]").TextContent.Trim());
    }

    [Fact]
    public void NodeDetail_PoliciesTab_ShowsTheSameRuleDetails()
    {
        Report();
        Navigate("nodes/node-1?tab=policies");

        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-1"));

        Assert.Equal("default/samplepod/eth2", Assert.Single(cut.FindAll("[data-testid=node-policy-row]")).GetAttribute("data-key"));
        Assert.Equal(3, RuleRows(cut, "default/samplepod/eth2").Count);
        Assert.Equal(["2", "default/my-policy", "ingress", "Allow", "TCP", "any", "7809, 8000:8080"], RuleRows(cut, "default/samplepod/eth2")[1]);
    }

    [Fact]
    public void NetworkDetail_PoliciesTab_ShowsTheNetworksBindingsWithTheirRules()
    {
        Live.UpsertNetwork(TestNetworks.Red());
        Report();
        Navigate("networks/red?tab=policies");

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "red"));

        Assert.Equal(["default/samplepod/eth2"], cut.FindAll("[data-testid=network-policy-row]").Select(r => r.GetAttribute("data-key")));
        Assert.Equal(["3", "default/my-policy", "egress", "Allow", "UDP", "172.20.0.0/16, fd00::/64", "dns"], RuleRows(cut, "default/samplepod/eth2")[2]);
    }

    private static async Task<string[]> Offered(IRenderedComponent<MudBlazor.MudAutocomplete<string>> picker, string text)
    {
        var search = picker.Instance.SearchFunc ?? throw new InvalidOperationException("The picker has no search.");
        var offered = search(text, CancellationToken.None) is { } pending ? await pending : null;
        return [.. offered ?? []];
    }
}
