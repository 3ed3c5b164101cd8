using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Cluster;
using Multinet.Web.Components.Dialogs;

namespace Multinet.UnitTests.Web.Components.Dialogs;

public sealed class NetworkEditDialogTests : WebTestContext
{
    private readonly IRenderedComponent<MudDialogProvider> _provider;

    public NetworkEditDialogTests()
    {
        Render<MudPopoverProvider>();
        _provider = Render<MudDialogProvider>();
        Live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "7"));
        Live.NodeConnected("node-1", "Simulated", "1.0.0");
        Live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, DateTime.UnixEpoch)]);
    }

    [Fact]
    public async Task EditVni_ShowsTheImpactThenSavesGuardedByTheVersionRead()
    {
        await OpenAsync();
        Assert.Contains("No change yet", _provider.Find("[data-testid=network-impact]").TextContent, StringComparison.Ordinal);
        Assert.True(_provider.Find("#network-name").HasAttribute("disabled"));

        _provider.Find("#network-vni").Input("57");

        var impact = _provider.Find("[data-testid=network-impact]").TextContent;
        Assert.Contains("VNI 56 → 57: each node replaces VRF table 56 with table 57", impact, StringComparison.Ordinal);
        Assert.Contains("Nodes that re-apply it: node-1.", impact, StringComparison.Ordinal);
        _provider.Find("[data-testid=network-create]").Click();

        await _provider.WaitForAssertionAsync(() => Assert.Empty(_provider.FindAll("[data-testid=network-dialog]")));
        var (name, version, spec) = Assert.Single(Writer.Updated);
        Assert.Equal(("blue", "7", 57L, "172.19.0.0/16"), (name, version, spec.Vni, spec.Range));
    }

    [Fact]
    public async Task Save_ChangedMeanwhileOnTheServer_SaysSoKeepsTheDialogAndCanStartFromTheServersVersion()
    {
        Writer.OnUpdate = (_, _) => new NetworkWriteResult(null, [], "the object has been modified", [], Conflict: true);
        await OpenAsync();
        _provider.Find("#network-vni").Input("57");
        Live.UpsertNetwork(TestNetworks.Make("blue", 58, "172.19.0.0/16", resourceVersion: "9"));

        _provider.Find("[data-testid=network-create]").Click();

        await _provider.WaitForAssertionAsync(() => Assert.Contains("was changed by someone else since you opened it, so your edit was not saved. On the server now: VNI 58",
            _provider.Find("[data-testid=network-server-error]").TextContent, StringComparison.Ordinal));
        _provider.Find("[data-testid=network-reload]").Click();
        Assert.Equal("58", _provider.Find("#network-vni").GetAttribute("value"));
        Assert.Empty(_provider.FindAll("[data-testid=network-server-error]"));
    }

    private async Task OpenAsync()
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<NetworkDialog> { { d => d.Existing, Live.Current.Networks["blue"] } };
        await _provider.InvokeAsync(() => dialogs.ShowAsync<NetworkDialog>("Edit blue", parameters));
        _provider.WaitForElement("[data-testid=network-impact]");
    }
}
