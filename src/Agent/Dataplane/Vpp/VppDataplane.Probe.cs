using System.Globalization;
using System.Text.RegularExpressions;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

internal sealed partial class VppDataplane
{
    /// <summary>
    /// A probe is VPP's own ping in the network's table: <c>cli_inband</c> with <c>ping ADDRESS table-id ID repeat N</c>.
    /// It is sent from the node's address in that VRF (its loopback), not from the source pod, so pod ACLs do not apply to it;
    /// the counts come from the ping's "Statistics: N sent, M received" line.
    /// </summary>
    public async Task<DataplaneProbeResult> ProbeAsync(DataplaneProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var connection = await GetConnectionAsync(cancellationToken);
        var command = string.Create(CultureInfo.InvariantCulture, $"ping {probe.Destination} table-id {probe.TableId} repeat {probe.Count}");
        var reply = await connection.RequestAsync(new CliInband(command), cancellationToken);
        return ParsePing(command, reply.Get<string>("reply"));
    }

    /// <summary>Reads VPP's ping output; output without its statistics line (an unknown command, a bad table) is a failure naming it.</summary>
    internal static DataplaneProbeResult ParsePing(string command, string output)
    {
        var statistics = StatisticsLine().Match(output);
        if (!statistics.Success)
        {
            throw new DataplaneException($"{command}: VPP answered without ping statistics: {output.Trim()}");
        }

        var sent = int.Parse(statistics.Groups["sent"].Value, CultureInfo.InvariantCulture);
        var received = int.Parse(statistics.Groups["received"].Value, CultureInfo.InvariantCulture);
        return new DataplaneProbeResult(sent, received, $"{command}: {statistics.Value.Trim()}");
    }

    [GeneratedRegex(@"Statistics:\s*(?<sent>\d+)\s+sent,\s*(?<received>\d+)\s+received[^\r\n]*")]
    private static partial Regex StatisticsLine();
}
