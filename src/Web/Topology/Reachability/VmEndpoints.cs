using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// A KubeVirt VM as an endpoint, <c>vm/namespace/name@network</c>: its guest interface on a Network is bridged to its
/// virt-launcher pod's, so the question is asked of <c>pod/namespace/launcher@network</c>. Other text passes through.
/// </summary>
internal static class VmEndpoints
{
    public const string Syntax = "vm/<namespace>/<name>@<network>";

    /// <summary>The endpoint as the engine reads it; false with <paramref name="error"/> when it names no VM with a launcher pod.</summary>
    public static bool TryResolve(LiveSnapshot snapshot, string? text, out string? resolved, out string? error)
    {
        (resolved, error) = (text, null);
        if (text is null || !text.StartsWith("vm/", StringComparison.Ordinal))
        {
            return true;
        }

        var at = text.LastIndexOf('@');
        var parts = (at < 0 ? text : text[..at]).Split('/');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0 || at == text.Length - 1)
        {
            error = $"\"{text}\" is not a VM endpoint: use {Syntax}.";
            return false;
        }

        if (at < 0)
        {
            error = $"\"{text}\": a VM endpoint names its network: vm/{parts[1]}/{parts[2]}@<network>.";
            return false;
        }

        var key = $"{parts[1]}/{parts[2]}";
        if (!snapshot.Objects.Vmis.ContainsKey(key))
        {
            error = $"\"{text}\": there is no VirtualMachineInstance {key}.";
            return false;
        }

        if (VmIndex.Of(snapshot.Objects).LauncherOf(key) is not { } launcher)
        {
            error = $"\"{text}\": the VM {key} has no virt-launcher pod yet.";
            return false;
        }

        resolved = $"pod/{launcher}{text[at..]}";
        return true;
    }
}
