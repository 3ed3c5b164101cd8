using System.Globalization;

namespace Multinet.AgentKillDrill;

/// <summary>One round's figures; <see cref="ConvergeSeconds"/> is NaN when VPP did not converge within the ceiling.</summary>
internal sealed record Row(int Round, TimeSpan KillAfter, int Changes, double ConvergeSeconds, int DuplicateTunnels, int LeakedInterfaces,
    int LeakedSockets, int StaleVrfs, int Networks, int Pods)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Round,5}  {KillAfter.TotalSeconds,9:F1}s  {Changes,7}  {(double.IsNaN(ConvergeSeconds) ? "NO" : ConvergeSeconds.ToString("F1", CultureInfo.InvariantCulture)),10}  {DuplicateTunnels,11}  {LeakedInterfaces,10}  {LeakedSockets,14}  {StaleVrfs,10}  {Networks,8}  {Pods,4}");
}

/// <summary>The drill's totals over every round.</summary>
internal sealed class Totals
{
    private readonly List<Row> _rows = [];

    public bool Clean => _rows.All(r => !double.IsNaN(r.ConvergeSeconds) && r.DuplicateTunnels == 0 && r.LeakedInterfaces == 0 && r.LeakedSockets == 0 && r.StaleVrfs == 0);

    public void Add(Row row) => _rows.Add(row);

    public string Summary()
    {
        var converged = _rows.Where(r => !double.IsNaN(r.ConvergeSeconds)).Select(r => r.ConvergeSeconds).Order().ToList();
        var median = converged.Count == 0 ? double.NaN : converged[converged.Count / 2];
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            Rounds: {_rows.Count} (agent killed with SIGKILL once per round), changes made: {_rows.Sum(r => r.Changes)}
            Converged after restart: {converged.Count} of {_rows.Count}; median {median:F1} s, max {(converged.Count == 0 ? double.NaN : converged[^1]):F1} s
            Duplicate tunnels: {_rows.Sum(r => r.DuplicateTunnels)}
            Leaked interfaces: {_rows.Sum(r => r.LeakedInterfaces)}
            Leaked memif sockets: {_rows.Sum(r => r.LeakedSockets)}
            VRFs left for deleted networks or old VNIs: {_rows.Sum(r => r.StaleVrfs)}
            """);
    }
}
