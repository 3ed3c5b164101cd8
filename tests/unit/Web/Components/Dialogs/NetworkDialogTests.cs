using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Dialogs;
using Multinet.Web.Yaml;
using Multinet.Web.Cluster;

namespace Multinet.UnitTests.Web.Components.Dialogs;

public sealed class NetworkDialogTests : WebTestContext
{
    private readonly IRenderedComponent<MudDialogProvider> _provider;
    private Task<DialogResult?> _result = Task.FromResult<DialogResult?>(null);

    public NetworkDialogTests()
    {
        Render<MudPopoverProvider>();
        _provider = Render<MudDialogProvider>();
    }

    [Fact]
    public async Task Create_ValidFields_WritesTheNetworkAndCloses()
    {
        await OpenAsync();

        Type("network-name", "blue");
        Type("network-vni", "56");
        Type("network-range", "172.19.0.0/16");
        _provider.Find("[data-testid=network-create]").Click();

        await _provider.WaitForAssertionAsync(() => Assert.Empty(_provider.FindAll("[data-testid=network-dialog]")));
        var created = Assert.Single(Writer.Created);
        Assert.Equal(("blue", 56L, "172.19.0.0/16", ""), (created.Metadata.Name, created.Spec.Vni, created.Spec.Range, created.Spec.PhysicalNetworkName));
        Assert.Equal(new NetworkSaved("blue", "network-blue-conf", null), (await _result)?.Data);
        var (target, nad) = Assert.Single(Objects.Applied);
        Assert.Equal(("NetworkAttachmentDefinition", "default", "network-blue-conf"), (target.Kind.Kind, target.Namespace, target.Name));
        Assert.True(NetworkBundle.NadNames(nad, "blue"));
    }

    [Fact]
    public async Task Create_WithoutTheNadOption_WritesOnlyTheNetwork()
    {
        await OpenAsync();

        Type("network-name", "teal");
        Type("network-vni", "57");
        Type("network-range", "172.21.0.0/16");
        _provider.Find("[data-testid=network-dialog] input[type=checkbox]").Change(false);
        _provider.Find("[data-testid=network-create]").Click();

        await _provider.WaitForAssertionAsync(() => Assert.Empty(_provider.FindAll("[data-testid=network-dialog]")));
        Assert.Single(Writer.Created);
        Assert.Empty(Objects.Applied);
        Assert.Equal(new NetworkSaved("teal", null, null), (await _result)?.Data);
    }

    [Theory]
    [InlineData("4096", "4096 is reserved for the default pod network's VXLAN.")]
    [InlineData("0", "0 is out of range: a VNI is from 1 to 16777215 (24 bits).")]
    [InlineData("5x", "\"5x\" is not a whole number: a VNI is from 1 to 16777215.")]
    public async Task Type_BadVni_ShowsTheMessageAndWritesNothing(string vni, string message)
    {
        await OpenAsync();

        Type("network-name", "blue");
        Type("network-vni", vni);
        Type("network-range", "172.19.0.0/16");

        Assert.Contains(message, _provider.Markup, StringComparison.Ordinal);
        Assert.True(_provider.Find("[data-testid=network-create]").HasAttribute("disabled"));
        Assert.Empty(Writer.Created);
    }

    [Fact]
    public async Task Type_VniOfAnExistingNetwork_NamesIt()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        await OpenAsync();

        Type("network-name", "green");
        Type("network-vni", "56");

        Assert.Contains("56 is already used by Network \"blue\"", _provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_OverlappingRange_WarnsButAllowsCreate()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        await OpenAsync();

        Type("network-name", "red");
        Type("network-vni", "88");
        Type("network-range", "172.19.0.0/16");

        Assert.Contains("overlaps 172.19.0.0/16 of Network \"blue\"", _provider.Find("[data-testid=network-range-warning]").TextContent, StringComparison.Ordinal);
        Assert.False(_provider.Find("[data-testid=network-create]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Create_ApiRefusesAField_ShowsItsMessageOnTheFieldAndStaysOpen()
    {
        Writer.OnCreate = _ => new NetworkWriteResult(null,
            [new FieldViolation("spec.vni", FieldReasons.Duplicate, "56 is already used by Network \"blue\": each Network needs its own VNI.")],
            "Network.projectcalico.org \"green\" is invalid", []);
        await OpenAsync();

        Type("network-name", "green");
        Type("network-vni", "56");
        Type("network-range", "10.9.0.0/16");
        _provider.Find("[data-testid=network-create]").Click();

        await _provider.WaitForAssertionAsync(() =>
            Assert.Contains("56 is already used by Network", _provider.Markup, StringComparison.Ordinal));
        Assert.Contains("is invalid", _provider.Find("[data-testid=network-server-error]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(_provider.FindAll("[data-testid=network-dialog]"));
    }

    private async Task OpenAsync(V3Network? existing = null)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<NetworkDialog> { { d => d.Existing, existing } };
        var reference = await _provider.InvokeAsync(() => dialogs.ShowAsync<NetworkDialog>("Network", parameters));
        _result = reference.Result;
        _provider.WaitForElement("[data-testid=network-create]");
    }

    private void Type(string inputId, string value) => _provider.Find($"#{inputId}").Input(value);
}
