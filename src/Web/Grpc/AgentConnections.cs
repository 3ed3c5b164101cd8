namespace Multinet.Web.Grpc;

/// <summary>
/// Which stream is the current one for each node. An agent that reconnects opens a new stream before the old
/// one is noticed as broken; only the close of the current stream marks the node disconnected.
/// </summary>
internal sealed class AgentConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _current = new(StringComparer.Ordinal);
    private long _next;

    public AgentConnections() => Telemetry.ConsoleMetrics.Track(this);

    /// <summary>How many nodes have a current stream.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _current.Count;
            }
        }
    }

    public long Open(string node)
    {
        lock (_lock)
        {
            var id = ++_next;
            _current[node] = id;
            return id;
        }
    }

    /// <summary>Closes a stream; true when it was the node's current one.</summary>
    public bool Close(string node, long connection)
    {
        lock (_lock)
        {
            if (_current.TryGetValue(node, out var current) && current == connection)
            {
                _current.Remove(node);
                return true;
            }

            return false;
        }
    }
}
