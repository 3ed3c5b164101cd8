using k8s.Models;

namespace Multinet.Embedded;

/// <summary>
/// The pod status the simulated kubelet writes (merge patch bodies): Running with its pod IP and started containers, or
/// Pending with its containers waiting in ContainerCreating, as kubelet reports a pod whose sandbox network could not be
/// set up (no pod IP, Ready and ContainersReady False with ContainersNotReady).
/// </summary>
internal static class PodStatus
{
    public static Dictionary<string, object> Running(V1Pod pod, string podIp, string hostIp, DateTime now) => new()
    {
        ["phase"] = "Running",
        ["podIP"] = podIp,
        ["podIPs"] = new[] { new { ip = podIp } },
        ["hostIP"] = hostIp,
        ["hostIPs"] = new[] { new { ip = hostIp } },
        ["startTime"] = pod.Status?.StartTime ?? now,
        ["conditions"] = new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready" }
            .Select(type => (object)new { type, status = "True", lastTransitionTime = now }).ToArray(),
        ["containerStatuses"] = Containers(pod, c => new
        {
            name = c.Name, image = c.Image, imageID = "", ready = true, started = true, restartCount = 0,
            state = new { running = new { startedAt = now } },
        }),
    };

    public static Dictionary<string, object> ContainerCreating(V1Pod pod, string hostIp, DateTime now)
    {
        var names = string.Join(" ", pod.Spec?.Containers?.Select(c => c.Name) ?? []);
        object Condition(string type, bool ok) => ok
            ? new { type, status = "True", lastTransitionTime = now }
            : new { type, status = "False", reason = "ContainersNotReady", message = $"containers with unready status: [{names}]", lastTransitionTime = now };
        return new()
        {
            ["phase"] = "Pending",
            ["hostIP"] = hostIp,
            ["hostIPs"] = new[] { new { ip = hostIp } },
            ["startTime"] = pod.Status?.StartTime ?? now,
            ["conditions"] = new[]
            {
                Condition("PodScheduled", true), Condition("Initialized", true),
                Condition("ContainersReady", false), Condition("Ready", false),
            },
            ["containerStatuses"] = Containers(pod, c => new
            {
                name = c.Name, image = c.Image, imageID = "", ready = false, started = false, restartCount = 0,
                state = new { waiting = new { reason = "ContainerCreating" } },
            }),
        };
    }

    private static object[] Containers(V1Pod pod, Func<V1Container, object> status) =>
        [.. (pod.Spec?.Containers ?? []).Select(status)];
}
