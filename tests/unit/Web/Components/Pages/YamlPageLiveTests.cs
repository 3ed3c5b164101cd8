using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Bunit;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Kube;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Cluster;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>
/// The YAML page follows the open object through the shared live state: news of a newer version or a deletion while
/// the admin edits, and every way out of it (compare, reload, apply) loses neither their edit nor the other change.
/// </summary>
public sealed class YamlPageLiveTests : WebTestContext
{
    private static readonly ObjectRef s_blue = new(ManagedKind.Network, null, "blue");

    public YamlPageLiveTests()
    {
        Services.AddSingleton<IKubeObjectClient>(Server);
        Services.AddSingleton<TimeProvider>(Time);
        Editor = new FakeMonaco(JSInterop);
    }

    private VersionedKubeObjectClient Server { get; } = new();

    private FakeMonaco Editor { get; }

    [Fact]
    public void NewerVersionOnTheServer_WhileEditing_SaysWhoChangedItWhenAndKeepsTheEditEditable()
    {
        var cut = OpenBlue();
        Editor.Type(Editor.Text.Replace("physicalNetworkName: \"\"", "physicalNetworkName: uplink-b", StringComparison.Ordinal));
        var mine = Editor.Text;

        var changed = ServerEdit(spec => spec["range"] = "172.30.0.0/16", "kubectl-edit");

        cut.WaitForAssertion(() => Assert.Equal(
            $"blue was changed on the server by kubectl-edit at {Time.GetUtcNow():HH:mm:ss} UTC (resourceVersion {Version(changed)}). Changed: spec/range.",
            cut.Find("[data-testid=yaml-live-text]").TextContent.Trim()));
        Assert.Equal(mine, Editor.Text); // nothing touched the editor
        Assert.False(cut.Find("[data-testid=yaml-apply]").HasAttribute("disabled")); // modeless: editing goes on
        Assert.Equal("false", cut.Find("[data-testid=yaml-live-notice]").GetAttribute("data-deleted"));
    }

    [Fact]
    public void TheSameVersion_OrThePagesOwnApply_IsNoNews()
    {
        var cut = OpenBlue();
        ShowInCache(Server.Stored(s_blue)!, "kubectl-client-side-apply"); // the version loaded, seen again
        Editor.Type(Editor.Text.Replace("172.19.0.0/16", "172.21.0.0/16", StringComparison.Ordinal));

        cut.Find("[data-testid=yaml-apply]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Applied", cut.Find("[data-testid=yaml-stage]").TextContent.Trim()));
        var renders = cut.RenderCount;
        ShowInCache(Server.Stored(s_blue)!, WriteActor.FieldManagerPrefix + "admin"); // the shared watch reports the page's own write
        cut.WaitForAssertion(() => Assert.True(cut.RenderCount > renders)); // the page has seen it

        Assert.Equal(Version(Server.Stored(s_blue)!), Live.Current.Networks["blue"].Metadata.ResourceVersion); // newer than the one loaded
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-notice]"));
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-reloaded]"));
        Assert.Contains("172.21.0.0/16", Editor.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusOnlyUpdate_IsNoNews_AndApplyStandsOnTheNewerVersion()
    {
        var cut = OpenBlue();
        Editor.Type(Editor.Text.Replace("172.19.0.0/16", "172.23.0.0/16", StringComparison.Ordinal));
        var current = Server.Stored(s_blue)!;
        current["status"] = new JsonObject { ["nodesReady"] = 3, ["nodesTotal"] = 3 };
        var reported = Server.Put(s_blue, current);
        var reads = Server.Reads;
        ShowInCache(reported, "multinet-agent");
        cut.WaitForAssertion(() => Assert.Equal(reads + 1, Server.Reads)); // the page read the newer version once

        Assert.Empty(cut.FindAll("[data-testid=yaml-live-notice]"));
        cut.Find("[data-testid=yaml-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Applied", cut.Find("[data-testid=yaml-stage]").TextContent.Trim()));
        Assert.Equal("172.23.0.0/16", Server.Stored(s_blue)!["spec"]!["range"]!.GetValue<string>());
    }

    [Fact]
    public void ShowChanges_ShowsBaseYoursAndServer_KeepsTheEdit_AndTheMergeAppliesBoth()
    {
        var cut = OpenBlue();
        Editor.Type(Editor.Text.Replace("physicalNetworkName: \"\"", "physicalNetworkName: uplink-b", StringComparison.Ordinal));
        var mine = Editor.Text;
        ServerEdit(spec => spec["range"] = "172.30.0.0/16");
        cut.WaitForElement("[data-testid=yaml-live-show]").Click();

        cut.WaitForAssertion(() => Assert.Contains("172.30.0.0/16", cut.Find("[data-testid=yaml-server]").TextContent, StringComparison.Ordinal));
        Assert.Contains("172.19.0.0/16", cut.Find("[data-testid=yaml-base]").TextContent, StringComparison.Ordinal);
        Assert.Contains("uplink-b", cut.Find("[data-testid=yaml-yours]").TextContent, StringComparison.Ordinal);
        Assert.Equal(mine, Editor.Text);
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-notice]")); // the three panes answer it
        Assert.Equal(2, Server.Written.Count); // nothing written by looking

        cut.Find("[data-testid=yaml-accept-merged]").Click();
        cut.Find("[data-testid=yaml-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Applied", cut.Find("[data-testid=yaml-stage]").TextContent.Trim()));
        var spec = Server.Stored(s_blue)!["spec"]!;
        Assert.Equal(("172.30.0.0/16", "uplink-b"), (spec["range"]!.GetValue<string>(), spec["physicalNetworkName"]!.GetValue<string>()));
    }

    [Fact]
    public void Reload_WithAnEdit_AsksFirst_KeepEditingKeepsIt_ConfirmingLoadsTheServersVersion()
    {
        var cut = OpenBlue();
        Editor.Type(Editor.Text.Replace("physicalNetworkName: \"\"", "physicalNetworkName: uplink-b", StringComparison.Ordinal));
        var mine = Editor.Text;
        ServerEdit(spec => spec["range"] = "172.30.0.0/16");

        cut.WaitForElement("[data-testid=yaml-live-reload]").Click();
        cut.WaitForElement("[data-testid=yaml-live-reload-cancel]").Click();
        Assert.Equal(mine, Editor.Text);
        Assert.NotEmpty(cut.FindAll("[data-testid=yaml-live-notice]"));

        cut.Find("[data-testid=yaml-live-reload]").Click();
        cut.WaitForElement("[data-testid=yaml-live-reload-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("172.30.0.0/16", Editor.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("uplink-b", Editor.Text, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-notice]"));
    }

    [Fact]
    public void Reload_WithoutAnEdit_LoadsAtOnce()
    {
        var cut = OpenBlue();
        Editor.Type(Editor.Text.Replace("physicalNetworkName: \"\"", "physicalNetworkName: uplink-b", StringComparison.Ordinal));
        ServerEdit(spec => spec["range"] = "172.30.0.0/16");
        cut.WaitForElement("[data-testid=yaml-live-notice]");
        Editor.Type(Editor.Text.Replace("physicalNetworkName: uplink-b", "physicalNetworkName: \"\"", StringComparison.Ordinal)); // the edit undone

        cut.Find("[data-testid=yaml-live-reload]").Click();

        cut.WaitForAssertion(() => Assert.Contains("172.30.0.0/16", Editor.Text, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-reload-confirm]"));
    }

    [Fact]
    public void NewerVersion_WithoutAnEdit_ReloadsItselfAndSaysSo()
    {
        var cut = OpenBlue();

        var changed = ServerEdit(spec => spec["range"] = "172.30.0.0/16", "kubectl-edit");

        cut.WaitForAssertion(() => Assert.Contains("172.30.0.0/16", Editor.Text, StringComparison.Ordinal));
        var notice = cut.WaitForElement("[data-testid=yaml-live-reloaded]").TextContent;
        Assert.Contains($"changed on the server by kubectl-edit at {Time.GetUtcNow():HH:mm:ss} UTC (resourceVersion {Version(changed)})", notice, StringComparison.Ordinal);
        Assert.Contains("reloaded the server's newer version", notice, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-notice]"));
    }

    [Fact]
    public void ApplyAfterTheWarning_IsStillGuardedByTheLoadedVersion_NothingOverwritten()
    {
        var cut = OpenBlue();
        Editor.Type(Editor.Text.Replace("172.19.0.0/16", "172.22.0.0/16", StringComparison.Ordinal));
        ServerEdit(spec => spec["range"] = "172.30.0.0/16");
        cut.WaitForElement("[data-testid=yaml-live-notice]");

        cut.Find("[data-testid=yaml-apply]").Click();

        cut.WaitForElement("[data-testid=yaml-conflict]");
        Assert.Contains("spec/range", cut.Find("[data-testid=yaml-conflicting-fields]").TextContent, StringComparison.Ordinal);
        Assert.Equal("172.30.0.0/16", Server.Stored(s_blue)!["spec"]!["range"]!.GetValue<string>());
        Assert.Contains("172.22.0.0/16", Editor.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeletedOnTheServer_Warns_AndApplyRecreatesItFromTheText()
    {
        var cut = OpenBlue();
        Editor.Type(Editor.Text.Replace("physicalNetworkName: \"\"", "physicalNetworkName: uplink-b", StringComparison.Ordinal));

        Server.Delete(s_blue);
        Time.Advance(LiveState.BatchInterval);
        Live.RemoveNetwork("blue");

        var notice = cut.WaitForElement("[data-testid=yaml-live-notice]");
        Assert.Equal("true", notice.GetAttribute("data-deleted"));
        Assert.Contains("blue was deleted on the server", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("Apply would re-create it", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal("Apply (re-create)", cut.Find("[data-testid=yaml-apply]").TextContent.Trim());
        Assert.Null(Server.Stored(s_blue)); // nothing re-created until the admin applies

        cut.Find("[data-testid=yaml-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Applied", cut.Find("[data-testid=yaml-stage]").TextContent.Trim()));
        var recreated = Server.Stored(s_blue)!;
        Assert.Equal("uplink-b", recreated["spec"]!["physicalNetworkName"]!.GetValue<string>());
        Assert.Null(recreated["metadata"]!["uid"]); // a new object, not the old identity
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-notice]"));
    }

    [Fact]
    public void Nad_ChangedOnTheServer_IsFollowedThroughTheClusterObjectsWatch()
    {
        var nad = new ObjectRef(ManagedKind.NetworkAttachmentDefinition, "default", "blue-net");
        var stored = Server.Put(nad, new JsonObject
        {
            ["apiVersion"] = "k8s.cni.cncf.io/v1",
            ["kind"] = "NetworkAttachmentDefinition",
            ["metadata"] = new JsonObject { ["name"] = "blue-net", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["config"] = "{\"cniVersion\":\"0.3.1\",\"type\":\"multinet\",\"network\":\"blue\"}" },
        });
        StampNads(("default/blue-net", new ObjectStamp(Version(stored), "kubectl-client-side-apply", null)));
        Services.GetRequiredService<NavigationManager>().NavigateTo("yaml?kind=nad&namespace=default&name=blue-net");
        var cut = Render<YamlPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=yaml-apply]").HasAttribute("disabled")));
        Editor.Type(Editor.Text.Replace("\"network\":\"blue\"", "\"network\":\"red\"", StringComparison.Ordinal));

        var edited = Server.Stored(nad)!;
        edited["spec"]!["config"] = "{\"cniVersion\":\"0.3.1\",\"type\":\"multinet\",\"network\":\"green\"}";
        var changed = Server.Put(nad, edited);
        StampNads(("default/blue-net", new ObjectStamp(Version(changed), "helm", new DateTime(2026, 11, 1, 11, 59, 0, DateTimeKind.Utc))));

        cut.WaitForAssertion(() => Assert.Equal($"blue-net was changed on the server by helm at 11:59:00 UTC (resourceVersion {Version(changed)}). Changed: spec/config.",
            cut.Find("[data-testid=yaml-live-text]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=yaml-live-unavailable]"));

        StampNads(); // deleted: the watch no longer holds it
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=yaml-live-notice]").GetAttribute("data-deleted")));
    }

    [Fact]
    public void IpPool_IsNotInTheSharedCache_ThePageSaysThereIsNoLiveWarning()
    {
        var pool = new ObjectRef(ManagedKind.IpPool, "kube-system", "172.19.0.0-16");
        Server.Put(pool, new JsonObject
        {
            ["apiVersion"] = "whereabouts.cni.cncf.io/v1alpha1",
            ["kind"] = "IPPool",
            ["metadata"] = new JsonObject { ["name"] = "172.19.0.0-16", ["namespace"] = "kube-system" },
            ["spec"] = new JsonObject { ["range"] = "172.19.0.0/16", ["allocations"] = new JsonObject() },
        });
        Services.GetRequiredService<NavigationManager>().NavigateTo("yaml?kind=ippool&namespace=kube-system&name=172.19.0.0-16");

        var cut = Render<YamlPage>();

        Assert.Contains("does not follow IPPools live", cut.WaitForElement("[data-testid=yaml-live-unavailable]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<YamlPage> OpenBlue()
    {
        var stored = Server.Put(s_blue, new JsonObject
        {
            ["apiVersion"] = "projectcalico.org/v3",
            ["kind"] = "Network",
            ["metadata"] = new JsonObject { ["name"] = "blue", ["uid"] = "uid-blue" },
            ["spec"] = new JsonObject { ["vni"] = 56, ["range"] = "172.19.0.0/16", ["physicalNetworkName"] = "" },
        });
        ShowInCache(stored, "kubectl-client-side-apply");
        Services.GetRequiredService<NavigationManager>().NavigateTo("yaml?kind=network&name=blue");
        var cut = Render<YamlPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=yaml-apply]").HasAttribute("disabled")));
        Assert.Contains("172.19.0.0/16", Editor.Text, StringComparison.Ordinal);
        return cut;
    }

    /// <summary>Someone else edits blue's spec: the store gets a new version and the shared watch reports it.</summary>
    private JsonObject ServerEdit(Action<JsonObject> edit, string manager = "kubectl-edit")
    {
        var current = Server.Stored(s_blue)!;
        edit((JsonObject)current["spec"]!);
        var stored = Server.Put(s_blue, current);
        ShowInCache(stored, manager);
        return stored;
    }

    /// <summary>
    /// The shared watch reports <paramref name="stored"/> a batch interval after whatever came before, so the page's feed
    /// passes it on at once (its first change after a quiet interval). The clock moves before the change, not after: the
    /// feed takes the change on the thread pool, and one that took it after the step dated its batch then and held the
    /// next change for a wait set after the next step, due at a time the test never reached.
    /// </summary>
    private void ShowInCache(JsonObject stored, string manager)
    {
        Time.Advance(LiveState.BatchInterval);
        var network = KubernetesJson.Deserialize<V3Network>(stored.ToJsonString());
        network.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = manager, Operation = "Update", Time = Time.GetUtcNow().UtcDateTime }];
        Live.UpsertNetwork(network);
    }

    /// <summary>The shared watch's NAD stamps become <paramref name="stamps"/>, a batch interval after whatever came before (see <see cref="ShowInCache"/>).</summary>
    private void StampNads(params (string Key, ObjectStamp Stamp)[] stamps)
    {
        Time.Advance(LiveState.BatchInterval);
        var kind = WatchedKinds.Nads.Name;
        Live.ReplaceObjects(kind, objects => objects with
        {
            Stamps = objects.Stamps.SetItem(kind, stamps.ToImmutableSortedDictionary(s => s.Key, s => s.Stamp, StringComparer.Ordinal)),
        });
    }

    private static string Version(JsonObject stored) => stored["metadata"]!["resourceVersion"]!.GetValue<string>();

    /// <summary>
    /// Monaco as the page sees it through BlazorMonaco's interop: the text is what the page last set
    /// (<c>setValue</c>), or what the test typed after that; <c>getValue</c> reads it.
    /// </summary>
    private sealed class FakeMonaco
    {
        private const string SetValue = "blazorMonaco.editor.setValue";
        private readonly BunitJSInterop _interop;
        private string _typed = "";
        private int _setsWhenTyped;

        public FakeMonaco(BunitJSInterop interop)
        {
            _interop = interop;
            interop.SetupVoid(SetValue).SetVoidResult();
            interop.AddInvocationHandler(new GetHandler(this));
        }

        public string Text
        {
            get
            {
                var sets = _interop.Invocations[SetValue];
                return sets.Count > _setsWhenTyped ? sets[^1].Arguments[1] as string ?? "" : _typed;
            }
        }

        public void Type(string text)
        {
            _typed = text;
            _setsWhenTyped = _interop.Invocations[SetValue].Count;
        }

        private sealed class GetHandler(FakeMonaco editor)
            : JSRuntimeInvocationHandlerBase<string>(i => i.Identifier == "blazorMonaco.editor.getValue", isCatchAllHandler: false)
        {
            protected override Task<string> HandleAsync(JSRuntimeInvocation invocation)
            {
                _ = base.HandleAsync(invocation);
                return Task.FromResult(editor.Text);
            }
        }
    }
}
