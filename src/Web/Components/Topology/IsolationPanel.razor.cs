using Microsoft.AspNetCore.Components;
using Multinet.Web.Topology.Reachability;

namespace Multinet.Web.Components.Topology;

/// <summary>"Is Network A isolated from Network B?": two Network pickers and the answer from the live state, recomputed on every batch.</summary>
public sealed partial class IsolationPanel
{
    private string? _a;
    private string? _b;
    private string? _initialA;
    private string? _initialB;
    private EngineResult<IsolationAnswer>? _result;
    private bool _notify;

    [Inject]
    public required ReachabilityService Reachability { get; init; }

    /// <summary>The first Network to start with.</summary>
    [Parameter]
    public string? A { get; set; }

    /// <summary>The second Network to start with.</summary>
    [Parameter]
    public string? B { get; set; }

    /// <summary>The ids of the elements the violations are on, whenever the answer is recomputed.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<string>> ViolationsChanged { get; set; }

    protected override void OnParametersSet()
    {
        if (A != _initialA || B != _initialB)
        {
            (_initialA, _initialB) = (A, B);
            (_a, _b) = (A ?? _a, B ?? _b);
            Recompute();
        }
    }

    protected override void OnSnapshot() => Recompute();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_result?.Answer is { } answer && _notify)
        {
            _notify = false;
            await ViolationsChanged.InvokeAsync([.. answer.Violations.Select(v => v.Id).Distinct(StringComparer.Ordinal)]);
        }
    }

    private void SetA(string? value)
    {
        _a = value;
        Recompute();
    }

    private void SetB(string? value)
    {
        _b = value;
        Recompute();
    }

    private void Recompute()
    {
        _result = string.IsNullOrEmpty(_a) || string.IsNullOrEmpty(_b) ? null : Reachability.CheckIsolation(Snapshot, _a, _b);
        _notify = true;
    }
}
