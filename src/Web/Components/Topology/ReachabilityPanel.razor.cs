using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Multinet.Web.Auth;
using Multinet.Web.Topology.Reachability;

namespace Multinet.Web.Components.Topology;

/// <summary>
/// "Can A reach B?": two pickers over the pod interfaces and network-aware Services, and the answer from the live state,
/// recomputed on every batch. Raises <see cref="PathChanged"/> with the path's element ids (<see cref="Multinet.Web.Topology.TopologyIds"/>)
/// whenever they change, so a graph can highlight the path; an empty list when there is no answer. Operators and admins can
/// also probe (<see cref="ProbeService"/>): the probed result shows beside the computed one, never mixed into it.
/// </summary>
public sealed partial class ReachabilityPanel
{
    private const int Choices = 50;
    private const string FromPlaceholder = "pod/ns/name@network or ip/address@network";
    private const string ToPlaceholder = "pod/…@network, ip/…@network or svc/ns/name";

    private string? _from;
    private string? _to;
    private string? _initialFrom;
    private string? _initialTo;
    private EngineResult<ReachabilityAnswer>? _result;
    private ImmutableArray<string> _path = [];
    private bool _pathChanged;
    private bool _answerChanged;
    private string? _probeRefusal = "Checking your role…";
    private ProbeAttempt? _probe;
    private bool _probing;

    private static string ProbeHint => $"Send {ProbeService.Count} echo requests from the source pod's node, in its network's VRF, to the destination.";

    [Inject]
    public required ReachabilityService Reachability { get; init; }

    [Inject]
    public required ProbeService Probes { get; init; }

    [Inject]
    public required CurrentUser User { get; init; }

    /// <summary>The source to start with, e.g. from a deep link or the graph's selection.</summary>
    [Parameter]
    public string? From { get; set; }

    /// <summary>The destination to start with.</summary>
    [Parameter]
    public string? To { get; set; }

    /// <summary>The element ids of the answer's path, in order; empty when there is none.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<string>> PathChanged { get; set; }

    /// <summary>The whole answer whenever it is recomputed (null when the question is incomplete or invalid).</summary>
    [Parameter]
    public EventCallback<ReachabilityAnswer?> AnswerChanged { get; set; }

    protected override void OnParametersSet()
    {
        if (From != _initialFrom || To != _initialTo)
        {
            (_initialFrom, _initialTo) = (From, To);
            (_from, _to) = (From ?? _from, To ?? _to);
            _probe = null;
            Recompute();
        }
    }

    protected override void OnSnapshot() => Recompute();

    protected override async Task OnInitializedAsync() => _probeRefusal = ProbeService.Refusal(await User.GetAsync());

    private async Task ProbeAsync()
    {
        var (from, to) = (_from, _to);
        _probing = true;
        try
        {
            var attempt = await Probes.ProbeAsync(await User.GetAsync(), from, to, CancellationToken.None);
            if ((from, to) == (_from, _to))
            {
                _probe = attempt; // a result for another question than the one shown is dropped
            }
        }
        finally
        {
            _probing = false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_pathChanged)
        {
            _pathChanged = false;
            await PathChanged.InvokeAsync(_path);
        }

        if (_answerChanged)
        {
            _answerChanged = false;
            await AnswerChanged.InvokeAsync(_result?.Answer);
        }
    }

    private Task SetFromAsync(string? value)
    {
        _from = value;
        _probe = null;
        Recompute();
        return Task.CompletedTask;
    }

    private Task SetToAsync(string? value)
    {
        _to = value;
        _probe = null;
        Recompute();
        return Task.CompletedTask;
    }

    private void Recompute()
    {
        _result = string.IsNullOrWhiteSpace(_from) || string.IsNullOrWhiteSpace(_to) ? null : Reachability.Check(Snapshot, _from, _to);
        _answerChanged = true;
        var path = _result?.Answer?.ElementIds ?? [];
        if (!path.SequenceEqual(_path, StringComparer.Ordinal))
        {
            _path = path;
            _pathChanged = true;
        }
    }

    private Task<IEnumerable<string>> SearchSourcesAsync(string? text, CancellationToken cancellationToken) =>
        Search(text, o => o.Kind != EndpointKind.Service);

    private Task<IEnumerable<string>> SearchDestinationsAsync(string? text, CancellationToken cancellationToken) => Search(text, _ => true);

    private Task<IEnumerable<string>> Search(string? text, Func<EndpointOption, bool> offered) =>
        Task.FromResult<IEnumerable<string>>([.. ReachabilityService.Endpoints(Snapshot).Where(offered)
            .Where(o => string.IsNullOrWhiteSpace(text) || o.Text.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) || o.Label.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(o => o.Text).Take(Choices)]);

    private static Color VerdictColor(ReachabilityVerdict verdict) => verdict switch
    {
        ReachabilityVerdict.Reachable => Color.Success,
        ReachabilityVerdict.NotReachable => Color.Error,
        _ => Color.Warning,
    };

    private static string VerdictText(ReachabilityVerdict verdict) => verdict switch
    {
        ReachabilityVerdict.Reachable => "reachable",
        ReachabilityVerdict.NotReachable => "not reachable",
        _ => "unknown",
    };

    private static Color ProbeColor(ProbeAnswer probe) => probe.Status != ProbeStatus.Answered
        ? Color.Warning
        : probe.Received > 0 ? Color.Success : Color.Error;

    private static string OkText(bool? ok) => ok switch { true => "true", false => "false", _ => "unknown" };

    private static string OkIcon(bool? ok) => ok switch
    {
        true => Icons.Material.Filled.CheckCircle,
        false => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Filled.HelpOutline,
    };

    private static Color OkColor(bool? ok) => ok switch { true => Color.Success, false => Color.Error, _ => Color.Warning };
}
