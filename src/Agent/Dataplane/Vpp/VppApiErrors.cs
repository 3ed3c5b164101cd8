namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>Names for the <c>retval</c> codes the agent's messages return (src/vnet/error.h in VPP).</summary>
internal static class VppApiErrors
{
    private static readonly Dictionary<int, string> s_names = new()
    {
        [-1] = "UNSPECIFIED",
        [-2] = "INVALID_SW_IF_INDEX",
        [-3] = "NO_SUCH_FIB",
        [-6] = "NO_SUCH_ENTRY",
        [-7] = "INVALID_VALUE",
        [-9] = "UNIMPLEMENTED",
        [-11] = "SYSCALL_ERROR_1",
        [-63] = "NO_SUCH_NODE",
        [-64] = "NO_SUCH_NODE2",
        [-71] = "INVALID_INTERFACE",
        [-73] = "INVALID_ARGUMENT",
        [-74] = "UNEXPECTED_INTF_STATE",
        [-75] = "TUNNEL_EXIST",
        [-76] = "INVALID_DECAP_NEXT",
        [-79] = "IF_ALREADY_EXISTS",
        [-116] = "ENTRY_ALREADY_EXISTS",
        [-147] = "INSTANCE_IN_USE",
    };

    /// <summary>E.g. <c>VNET_API_ERROR_NO_SUCH_FIB</c>; unknown codes keep their number.</summary>
    public static string Name(int retval) =>
        $"VNET_API_ERROR_{(s_names.TryGetValue(retval, out var name) ? name : retval.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    /// <summary>The code for a name from <see cref="Name"/>; -1 (UNSPECIFIED) when unknown. Used by fakes.</summary>
    public static int Code(string apiError)
    {
        ArgumentNullException.ThrowIfNull(apiError);
        var name = apiError.StartsWith("VNET_API_ERROR_", StringComparison.Ordinal) ? apiError["VNET_API_ERROR_".Length..] : apiError;
        return s_names.FirstOrDefault(e => e.Value == name) is { Value: not null } found ? found.Key : -1;
    }
}
