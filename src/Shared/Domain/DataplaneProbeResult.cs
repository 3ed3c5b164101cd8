namespace Multinet.Shared.Domain;

/// <summary>What a probe saw: echo requests sent, replies received, and what the dataplane said about it.</summary>
public sealed record DataplaneProbeResult(int Sent, int Received, string Detail);
