using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Multinet.Web.Auth;
using Multinet.Web.Cluster;
using Multinet.UnitTests.Web.Timeline;
using Multinet.Web.State;
using MudBlazor;
using MudBlazor.Services;

namespace Multinet.UnitTests.TestSupport;

/// <summary>A bUnit context with MudBlazor, a real <see cref="LiveState"/> on fake time, and a recording Network writer.</summary>
public abstract class WebTestContext : BunitContext
{
    /// <param name="liveTime">The clock of the live state's batching; fake by default, so batches arrive only when a test advances it.</param>
    protected WebTestContext(TimeProvider? liveTime = null)
    {
        _liveTime = liveTime ?? Time;
        // WaitFor* re-checks on every render; the bound only matters on a machine too loaded to render within bUnit's 1 s default.
        DefaultWaitTimeout = TimeSpan.FromSeconds(60);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton(Time);
        Services.AddSingleton(Live);
        Services.AddSingleton<INetworkWriter>(Writer);
        Services.AddSingleton<IKubeObjectClient>(Objects);
        Services.AddSingleton(Updates);
        Services.AddSingleton(_ => Timeline.Store);

        // Pages see a signed-in admin unless a test signs in someone else (SignIn).
        Authorization = AddAuthorization();
        SignIn("admin", ConsoleRoles.Admin);
        Services.AddScoped<CurrentUser>();
    }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Components render as in a circuit unless a test calls <see cref="Prerendering"/> first.</summary>
    private Microsoft.AspNetCore.Components.RendererInfo _rendererInfo = new("Server", isInteractive: true);
    private bool _rendererInfoSet;

    /// <summary>From now on components render as the console's prerendering does (the HTML response, before any circuit).</summary>
    protected void Prerendering()
    {
        _rendererInfo = new("Static", isInteractive: false);
        _rendererInfoSet = false;
    }

    // Set at the first render, not in the constructor: setting it builds the renderer, after which tests cannot add services.
    private void EnsureRendererInfo()
    {
        if (!_rendererInfoSet)
        {
            SetRendererInfo(_rendererInfo);
            _rendererInfoSet = true;
        }
    }

    public new IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameterBuilder = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        EnsureRendererInfo();
        return base.Render(parameterBuilder);
    }

    /// <summary>The page's user from now on: <paramref name="role"/>, for an operator optionally limited to <paramref name="namespaces"/>.</summary>
    protected void SignIn(string name, string role, params string[] namespaces)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(role);
        Authorization.SetClaims([.. namespaces.Select(ns => new Claim(ConsoleClaims.Namespace, ns))]);
    }

    /// <summary>The audit timeline on a temporary SQLite file, created when a component first asks for it.</summary>
    private protected TimelineTestStore Timeline => _timeline ??= new TimelineTestStore();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    protected LiveState Live => _live ??= new LiveState(_liveTime);

    protected RecordingNetworkWriter Writer { get; } = new();

    protected RecordingKubeObjectClient Objects { get; } = new();

    /// <summary>This test's "browser tab" pause switch.</summary>
    protected LiveUpdates Updates { get; } = new();

    private readonly TimeProvider _liveTime;
    private LiveState? _live;
    private TimelineTestStore? _timeline;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _timeline?.Dispose();
        }
    }

    /// <summary>Renders MudBlazor's providers, which dialogs and snackbars need.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderProviders()
    {
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudPopoverProvider>();
    }
}
