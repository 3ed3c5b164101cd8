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
    /// the counts come from the ping's "Statistics: N sent, M received" line. One uncounted echo request goes first: VPP
    /// drops the packet that makes it resolve a neighbour (ARP on the far node for a pod it has not sent to yet), so on a
    /// healthy path a first probe would otherwise count one reply short. What that first request saw is in the detail.
    /// </summary>
    public async Task<DataplaneProbeResult> ProbeAsync(DataplaneProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var connection = await GetConnectionAsync(cancellationToken);
        var prime = string.Create(CultureInfo.InvariantCulture, $"ping {probe.Destination} table-id {probe.TableId} repeat 1");
        var primed = ParsePing(prime, await PingAsync(connection, prime, 1, cancellationToken));
        var command = string.Create(CultureInfo.InvariantCulture, $"ping {probe.Destination} table-id {probe.TableId} repeat {probe.Count}");
        var counted = ParsePing(command, await PingAsync(connection, command, probe.Count, cancellationToken));
        return counted with { Detail = $"{counted.Detail} (after one uncounted request that resolves neighbours on the path: {primed.Received}/{primed.Sent} replies)" };
    }

    /// <summary>
    /// Runs one CLI ping alone on the connection (see <see cref="VppApiConnection.RequestAloneAsync"/>): VPP drops every API
    /// message that reaches it while the ping waits for replies, so the agent's other calls (the periodic dumps) wait until
    /// it has answered. VPP answers after <paramref name="count"/> intervals of a second; <see cref="PingCeiling"/> more
    /// allows for a loaded machine before the connection is given up.
    /// </summary>
    private static async Task<string> PingAsync(VppApiConnection connection, string command, int count, CancellationToken cancellationToken) =>
        (await connection.RequestAloneAsync(new CliInband(command), TimeSpan.FromSeconds(count) + PingCeiling, cancellationToken)).Get<string>("reply");

    /// <summary>How long past its own duration a ping may take before the connection is given up.</summary>
    internal static readonly TimeSpan PingCeiling = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads VPP's ping output; output without its statistics line (an unknown command, a bad table), or with nothing sent
    /// (no route to the address), is a failure naming it.
    /// </summary>
    internal static DataplaneProbeResult ParsePing(string command, string output)
    {
        var statistics = StatisticsLine().Match(output);
        if (!statistics.Success)
        {
            throw new DataplaneException($"{command}: VPP answered without ping statistics: {output.Trim()}");
        }

        var sent = int.Parse(statistics.Groups["sent"].Value, CultureInfo.InvariantCulture);
        var received = int.Parse(statistics.Groups["received"].Value, CultureInfo.InvariantCulture);
        if (sent == 0)
        {
            // VPP sends nothing when the table has no route to the address (no egress interface): not "0 of 0 answered".
            throw new DataplaneException($"{command}: VPP sent no echo request (the table has no route to the address): {statistics.Value.Trim()}");
        }

        return new DataplaneProbeResult(sent, received, $"{command}: {statistics.Value.Trim()}");
    }

    [GeneratedRegex(@"Statistics:\s*(?<sent>\d+)\s+sent,\s*(?<received>\d+)\s+received[^\r\n]*")]
    private static partial Regex StatisticsLine();
}
