using System.Net;

namespace Multinet.Shared.Domain;

/// <summary>
/// Test traffic the console asks a node to send: <paramref name="Count"/> echo requests in the VRF of
/// <paramref name="Network"/> (table <paramref name="TableId"/>) to <paramref name="Destination"/>, from
/// <paramref name="Source"/> (the source pod's address; null: the node's own address in that VRF).
/// </summary>
public sealed record DataplaneProbe(string Network, uint TableId, IPAddress? Source, IPAddress Destination, int Count);
