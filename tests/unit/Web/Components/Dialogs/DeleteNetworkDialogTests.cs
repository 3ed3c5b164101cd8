using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Multinet.Shared.Cluster;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Dialogs;

namespace Multinet.UnitTests.Web.Components.Dialogs;

public sealed class DeleteNetworkDialogTests : WebTestContext
{
    private readonly IRenderedComponent<MudDialogProvider> _provider;
    private Task<DialogResult?> _result = Task.FromResult<DialogResult?>(null);

    public DeleteNetworkDialogTests()
    {
        Render<MudPopoverProvider>();
        _provider = Render<MudDialogProvider>();
    }

    [Fact]
    public async Task Open_NetworkPodsUse_ListsEverythingAndDeleteWaitsForItsName()
    {
        await OpenAsync(new NetworkUsage("blue")
        {
            Pods = ["default/samplepod", "default/memif-pod"],
            Services = ["default/my-service"],
            Nads = ["default/network-blue-conf"],
            Policies = ["default/my-policy"],
        });

        Assert.Contains("blue is in use", _provider.Find("[data-testid=delete-network-usage]").TextContent, StringComparison.Ordinal);
        Assert.Contains("default/memif-pod", _provider.Find("[data-testid=usage-pods]").TextContent, StringComparison.Ordinal);
        Assert.Contains("default/my-service", _provider.Find("[data-testid=usage-services]").TextContent, StringComparison.Ordinal);
        Assert.Contains("default/network-blue-conf", _provider.Find("[data-testid=usage-nads]").TextContent, StringComparison.Ordinal);
        Assert.Contains("default/my-policy", _provider.Find("[data-testid=usage-policies]").TextContent, StringComparison.Ordinal);
        Assert.True(DeleteButton().HasAttribute("disabled"));

        ConfirmInput().Input("blu");
        Assert.True(DeleteButton().HasAttribute("disabled"));
        ConfirmInput().Input("blue");
        _provider.WaitForAssertion(() => Assert.False(DeleteButton().HasAttribute("disabled")));
        DeleteButton().Click();

        var result = await _result;
        Assert.Equal("blue", result?.Data);
    }

    [Fact]
    public async Task Open_OnlyANadNamesIt_SaysSoAndDeletesWithoutTypingTheName()
    {
        await OpenAsync(new NetworkUsage("blue") { Nads = ["default/network-blue-conf"] });

        Assert.Contains("These still name blue", _provider.Find("[data-testid=delete-network-usage]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_provider.FindAll("[data-testid=delete-network-confirm]"));
        Assert.False(DeleteButton().HasAttribute("disabled"));
    }

    [Fact]
    public async Task Open_Unused_SaysNothingUsesIt_CancelDeletesNothing()
    {
        await OpenAsync(new NetworkUsage("teal"));

        Assert.Contains("Nothing uses teal", _provider.Find("[data-testid=delete-network-unused]").TextContent, StringComparison.Ordinal);
        _provider.Find("[data-testid=delete-network-cancel]").Click();

        var result = await _result;
        Assert.True(result?.Canceled);
    }

    private AngleSharp.Dom.IElement ConfirmInput() => _provider.Find("input[data-testid=delete-network-confirm]");

    private AngleSharp.Dom.IElement DeleteButton() => _provider.Find("[data-testid=delete-network-ok]");

    private async Task OpenAsync(NetworkUsage usage)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<DeleteNetworkDialog> { { d => d.Network, usage.Network }, { d => d.Usage, usage } };
        var reference = await _provider.InvokeAsync(() => dialogs.ShowAsync<DeleteNetworkDialog>("Delete", parameters));
        _result = reference.Result;
        _provider.WaitForElement("[data-testid=delete-network-ok]");
    }
}
