using System.Globalization;
using System.Text.RegularExpressions;

namespace Multinet.PropagationBench;

/// <summary>
/// The simulated agents' reconcile passes (and how many of them were scoped to the changed Networks) as the console's /metrics counts them (the agents run in its process): how many
/// and how long in all, summed over nodes, so that two readings give the work done between them.
/// </summary>
internal sealed partial record AgentWork(double Passes, double Seconds, double Scoped)
{
    public static async Task<AgentWork> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync("metrics", cancellationToken);
        double Sum(string series) => Sample().Matches(text).Where(m => m.Groups["name"].Value == series)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        return new AgentWork(Sum("multinet_agent_reconcile_duration_seconds_count"), Sum("multinet_agent_reconcile_duration_seconds_sum"),
            Sum("multinet_agent_reconcile_scoped_total"));
    }

    public AgentWork Since(AgentWork earlier) => new(Passes - earlier.Passes, Seconds - earlier.Seconds, Scoped - earlier.Scoped);

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{[^}]*\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
