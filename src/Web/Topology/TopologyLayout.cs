using System.Collections.Immutable;

namespace Multinet.Web.Topology;

/// <summary>
/// Where elements appear, computed from their sorted names alone (no force simulation): the same state always gives
/// the same picture, and since the graph keeps drawn elements where they are, only new elements use these places.
/// Hosts on a grid or a circle, networks in rows above them, pods below their host, services above their network.
/// </summary>
internal sealed class TopologyLayout
{
    private const double HostSpacingX = 260;
    private const double HostSpacingY = 240;
    private const double NetworkSpacing = 200;
    private const int NetworksPerRow = 20;
    private const int PodsPerRow = 5;
    private const int GroupsPerRow = 5;
    private const int GroupSlots = 15;

    private readonly Dictionary<string, (double X, double Y)> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _networks = new(StringComparer.Ordinal);
    private readonly double _centreX;
    private readonly double _top;

    public TopologyLayout(string layout, ImmutableArray<string> hosts, ImmutableArray<string> networks)
    {
        if (layout == TopologyQuery.CircleLayout)
        {
            var radius = Math.Max(300, hosts.Length * HostSpacingX / (2 * Math.PI));
            for (var i = 0; i < hosts.Length; i++)
            {
                var angle = (2 * Math.PI * i / Math.Max(1, hosts.Length)) - (Math.PI / 2);
                _hosts[hosts[i]] = (Math.Round(radius * Math.Cos(angle)), Math.Round(radius * Math.Sin(angle)));
            }

            _centreX = 0;
            _top = -radius;
        }
        else
        {
            var columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(hosts.Length * 2.0)));
            for (var i = 0; i < hosts.Length; i++)
            {
                _hosts[hosts[i]] = ((i % columns) * HostSpacingX, (i / columns) * HostSpacingY);
            }

            _centreX = (Math.Min(columns, hosts.Length) - 1) * HostSpacingX / 2;
            _top = 0;
        }

        for (var i = 0; i < networks.Length; i++)
        {
            _networks[networks[i]] = i;
        }
    }

    public (double X, double Y) Host(string host) => _hosts.GetValueOrDefault(host);

    /// <summary>Networks by their sorted place; the default network after the others.</summary>
    public (double X, double Y) Network(string network)
    {
        var index = _networks.TryGetValue(network, out var i) ? i : _networks.Count;
        var perRow = Math.Min(NetworksPerRow, _networks.Count + 1);
        var row = index / NetworksPerRow;
        var column = index % NetworksPerRow;
        return (_centreX + ((column - ((perRow - 1) / 2.0)) * NetworkSpacing), _top - 300 - (row * 120));
    }

    /// <summary>The group of <paramref name="network"/>'s pods and VMs on <paramref name="host"/>: above the host, in a slot by the network's sorted place.</summary>
    public (double X, double Y) Group(string host, string network)
    {
        var (x, y) = Host(host);
        var slot = (_networks.TryGetValue(network, out var i) ? i : _networks.Count) % GroupSlots;
        return (x + (((slot % GroupsPerRow) - 2) * 50), y - 56 - ((slot / GroupsPerRow) * 30));
    }

    /// <summary>The <paramref name="index"/>-th pod drawn on <paramref name="host"/>, in rows below it.</summary>
    public (double X, double Y) Pod(string host, int index)
    {
        var (x, y) = Host(host);
        return (x + (((index % PodsPerRow) - 2) * 48), y + 80 + ((index / PodsPerRow) * 40));
    }

    /// <summary>The <paramref name="index"/>-th service of <paramref name="network"/>, above it.</summary>
    public (double X, double Y) Service(string network, int index)
    {
        var (x, y) = Network(network);
        return (x + (index * 70) - 35, y - 90 - ((index / 3) * 40));
    }
}
