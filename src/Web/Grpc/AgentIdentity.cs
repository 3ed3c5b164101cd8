namespace Multinet.Web.Grpc;

/// <summary>
/// Who opened an agent stream. <paramref name="Node"/> is the only node it may report for (null: any, as with the shared
/// secret); <paramref name="ExpiresAt"/> ends the stream when the credential expires, so the agent reconnects with the
/// fresh one its kubelet wrote.
/// </summary>
internal sealed record AgentIdentity(string Subject, string? Node, DateTimeOffset? ExpiresAt);
