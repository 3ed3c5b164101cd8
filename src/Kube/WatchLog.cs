using k8s;
using Microsoft.Extensions.Logging;

namespace Multinet.Kube;

/// <summary>The log lines of the list/watch loops, shared by every kind.</summary>
public static partial class WatchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Count} {Kind} at resourceVersion {ResourceVersion}.")]
    public static partial void Listed(ILogger logger, int count, string kind, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Namespace}/{Name} {EventType} at resourceVersion {ResourceVersion}.")]
    public static partial void Event(ILogger logger, string kind, WatchEventType eventType, string? @namespace, string name, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} expired at resourceVersion {ResourceVersion} (410 Gone); listing again.")]
    public static partial void WatchExpired(ILogger logger, string kind, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} failed ({Failures} in a row); backing off.")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string kind, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} works again after {Failures} failures.")]
    public static partial void WatchRecovered(ILogger logger, string kind, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a {Kind} watch event this process could not read.")]
    public static partial void BadWatchEvent(ILogger logger, Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API server does not serve {Kind} (404): treating them as none and listing again every {Retry}.")]
    public static partial void KindMissing(ILogger logger, string kind, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API server refuses us {Kind} (403 Forbidden; the ClusterRole may lack them): treating them as none and listing again every {Retry}.")]
    public static partial void KindForbidden(ILogger logger, string kind, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "The API server now serves {Kind}.")]
    public static partial void KindServed(ILogger logger, string kind);
}
