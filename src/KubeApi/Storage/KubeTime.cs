using System.Globalization;

namespace Multinet.KubeApi.Storage;

/// <summary>Timestamps as Kubernetes writes them: RFC 3339 in UTC, whole seconds.</summary>
internal static class KubeTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
