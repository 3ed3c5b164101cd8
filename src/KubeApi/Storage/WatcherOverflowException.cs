namespace Multinet.KubeApi.Storage;

/// <summary>Completes a watcher's channel when it fell too far behind; the watch is closed and the client re-lists.</summary>
internal sealed class WatcherOverflowException() : Exception("The watcher fell too far behind and was closed.");
