using System.Collections.Immutable;
using Grpc.Core;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Domain;

namespace Multinet.ConsoleScaleBench;

/// <summary>
/// One node's agent as the console sees it: a gRPC stream on the real contract (Hello, a full snapshot, then deltas
/// built the way the agent builds them, <see cref="NodeReportDelta.Between(NodeInventory, NodeInventory)"/>), with a
/// synthetic but realistic inventory: a VRF per Network, tunnels to peers, memif and tap pod interfaces and their routes.
/// </summary>
internal sealed class SyntheticAgent(int index, ScaleShape shape) : IAsyncDisposable
{
    private AsyncDuplexStreamingCall<AgentMessage, ConsoleMessage>? _call;
    private Task _acks = Task.CompletedTask;
    private NodeInventory _inventory = NodeInventory.Empty;
    private ulong _sequence;
    private long _acked;
    private string? _downNetwork;

    public string Name { get; } = NodeName(index);

    /// <summary>Reports the console accepted (snapshots and deltas).</summary>
    public long Acked => Interlocked.Read(ref _acked);

    public static string NodeName(int index) => $"bench-node-{index:D3}";

    public static string PodName(int node, int slot) => $"pod-{node:D3}-{slot:D2}";

    /// <summary>The address of a node's pod interface in slot <paramref name="slot"/>: 10.(100+network).node.(slot+1).</summary>
    public static string PodAddress(int node, int slot, ScaleShape shape) => $"10.{100 + (slot % shape.Networks)}.{node}.{slot + 1}";

    /// <summary>Opens the stream with the console's agent secret (its data directory's <c>agent-secret</c>).</summary>
    public async Task ConnectAsync(AgentGateway.AgentGatewayClient client, string agentSecret, CancellationToken cancellationToken)
    {
        _call = client.Connect(new Grpc.Core.Metadata { { "authorization", "Bearer " + agentSecret } }, cancellationToken: cancellationToken);
        _acks = ReadAcksAsync(_call.ResponseStream, cancellationToken);
        await _call.RequestStream.WriteAsync(new AgentMessage { Hello = new Hello { NodeName = Name, AgentVersion = "0.9.0-bench", Dataplane = "Simulated" } }, cancellationToken);
        _inventory = Inventory(0);
        await _call.RequestStream.WriteAsync(new AgentMessage { Snapshot = NodeSnapshot.FromDomain(++_sequence, _inventory) }, cancellationToken);
    }

    public Task HeartbeatAsync(CancellationToken cancellationToken) =>
        _call!.RequestStream.WriteAsync(new AgentMessage { Heartbeat = new Heartbeat { SentAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow) } }, cancellationToken);

    /// <summary>Every counter moved since the last report: one delta with every tunnel, memif and tap upserted.</summary>
    public async Task SendCountersAsync(long tick, CancellationToken cancellationToken)
    {
        var next = Inventory(tick);
        var delta = NodeReportDelta.Between(_inventory, next);
        _inventory = next;
        await _call!.RequestStream.WriteAsync(new AgentMessage { Delta = NodeDelta.FromDomain(++_sequence, delta) }, cancellationToken);
    }

    /// <summary>Reports this node's tunnel to its first peer on <paramref name="network"/> down (null: every tunnel up), in one delta.</summary>
    public async Task SetTunnelDownAsync(string? network, long tick, CancellationToken cancellationToken)
    {
        _downNetwork = network;
        await SendCountersAsync(tick, cancellationToken);
    }

    /// <summary>The peer whose tunnel <see cref="SetTunnelDownAsync"/> takes down.</summary>
    public string FirstPeer => NodeName((index + 1) % shape.Nodes);

    private async Task ReadAcksAsync(IAsyncStreamReader<ConsoleMessage> acks, CancellationToken cancellationToken)
    {
        try
        {
            while (await acks.MoveNext(cancellationToken))
            {
                if (acks.Current.Ack is { Accepted: true })
                {
                    Interlocked.Increment(ref _acked);
                }
                else if (acks.Current.Ack is { } rejected)
                {
                    await Console.Error.WriteLineAsync($"{Name}: report {rejected.Sequence} rejected: {rejected.Error}");
                }
            }
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The node's inventory with counters at <paramref name="tick"/> seconds.</summary>
    private NodeInventory Inventory(long tick)
    {
        var at = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
        var self = $"192.168.{index / 250}.{index % 250 + 1}";
        var vrfs = Enumerable.Range(0, shape.Networks)
            .Select(n => new VrfStatus(Network(n), (uint)Vni(n), Multinet.Shared.Domain.VrfState.Applied, null, 1, at) { RouteCount = shape.PodsPerNode / shape.Networks + shape.Peers })
            .ToImmutableArray();
        // Peers on both sides (index ± 1, ± 2 …), so each tunnel has both of its ends reported, as in a real mesh.
        var peers = Enumerable.Range(1, shape.Peers).Select(p => (index + (p % 2 == 1 ? (p + 1) / 2 : shape.Nodes - (p / 2))) % shape.Nodes)
            .Where(p => p != index).Distinct().ToList();
        var tunnels = Enumerable.Range(0, shape.Networks)
            .SelectMany(n => peers.Select(p => new TunnelStatus(Network(n), NodeName(p), (uint)Vni(n), self, $"192.168.{p / 250}.{p % 250 + 1}", (uint)Vni(n),
                Up: Network(n) != _downNetwork || p != peers[0])
            {
                SwIfIndex = (uint)(100 + n * shape.Peers + p),
                RxPackets = (ulong)(tick * 1000 + p),
                TxPackets = (ulong)(tick * 900 + p),
                RxBytes = (ulong)(tick * 1_000_000),
                TxBytes = (ulong)(tick * 900_000),
            }))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToImmutableArray();
        var memifs = ImmutableArray.CreateBuilder<MemifStatus>();
        var taps = ImmutableArray.CreateBuilder<TapStatus>();
        var routes = ImmutableArray.CreateBuilder<RouteStatus>();
        for (var slot = 0; slot < shape.PodsPerNode; slot++)
        {
            var network = Network(slot % shape.Networks);
            var pod = PodName(index, slot);
            var address = PodAddress(index, slot, shape) + "/32";
            if (slot % 2 == 0)
            {
                memifs.Add(new MemifStatus(ScaleShape.Namespace, pod, "memif1", network, $"/run/vpp/memif-{pod}.sock", "master", "ethernet")
                {
                    SwIfIndex = (uint)(5000 + slot),
                    RxQueues = 1,
                    TxQueues = 1,
                    LinkUp = true,
                    Address = address,
                    RxPackets = (ulong)(tick * (1000 + slot)),
                    TxPackets = (ulong)(tick * (800 + slot)),
                    RxBytes = (ulong)(tick * (1000 + slot) * 512),
                    TxBytes = (ulong)(tick * (800 + slot) * 512),
                });
                routes.Add(new RouteStatus(network, address, $"{ScaleShape.Namespace}/{pod}/memif1"));
            }
            else
            {
                taps.Add(new TapStatus(ScaleShape.Namespace, pod, "net1", network, address)
                {
                    SwIfIndex = (uint)(5000 + slot),
                    HostInterface = $"tap{slot}",
                    LinkUp = true,
                    RxPackets = (ulong)(tick * (100 + slot)),
                    TxPackets = (ulong)(tick * (90 + slot)),
                });
                routes.Add(new RouteStatus(network, address, $"{ScaleShape.Namespace}/{pod}/net1"));
            }
        }

        foreach (var n in Enumerable.Range(0, shape.Networks))
        {
            routes.AddRange(peers.Select(p => new RouteStatus(Network(n), $"10.{100 + n}.{p}.0/24", NodeName(p))));
        }

        return new NodeInventory
        {
            Vrfs = vrfs,
            Tunnels = tunnels,
            Memifs = [.. memifs.OrderBy(m => m.Key, StringComparer.Ordinal)],
            Taps = [.. taps.OrderBy(t => t.Key, StringComparer.Ordinal)],
            Routes = [.. routes.OrderBy(r => r.Key, StringComparer.Ordinal)],
            Errors = index % 20 == 7 ? [new ObjectError($"tunnel {Network(0)}/{NodeName((index + 1) % shape.Nodes)}", Network(0), "peer address unreachable")] : [],
            LastApply = new ApplyStats(at, 12.5, 100, 0),
        };
    }

    public static string Network(int n) => $"net-{n:D2}";

    public static int Vni(int n) => 1000 + n;

    public async ValueTask DisposeAsync()
    {
        if (_call is not null)
        {
            try
            {
                await _call.RequestStream.CompleteAsync();
            }
            catch (InvalidOperationException)
            {
            }
            catch (RpcException)
            {
            }

            _call.Dispose();
        }

        await _acks;
    }
}
