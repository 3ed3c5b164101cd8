namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// Names and texts for every <c>retval</c> VPP's API can return (<c>foreach_vnet_error</c> in src/vnet/error.h, which the
/// plugins share), so a refusal always reads as a name, e.g. <c>VNET_API_ERROR_SYSCALL_ERROR_4</c> (-14, what
/// memif_create_v2 returns when its socket's directory is missing).
/// </summary>
internal static partial class VppApiErrors
{
    /// <summary>E.g. <c>VNET_API_ERROR_NO_SUCH_FIB</c>; a code VPP does not define keeps its number.</summary>
    public static string Name(int retval) =>
        $"VNET_API_ERROR_{(s_errors.TryGetValue(retval, out var error) ? error.Name : retval.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    /// <summary>VPP's text for the code, e.g. "No such FIB / VRF"; null when VPP does not define it.</summary>
    public static string? Text(int retval) => s_errors.TryGetValue(retval, out var error) ? error.Text : null;

    /// <summary>The code for a name from <see cref="Name"/>; -1 (UNSPECIFIED) when unknown. Used by fakes.</summary>
    public static int Code(string apiError)
    {
        ArgumentNullException.ThrowIfNull(apiError);
        var name = apiError.StartsWith("VNET_API_ERROR_", StringComparison.Ordinal) ? apiError["VNET_API_ERROR_".Length..] : apiError;
        return s_errors.FirstOrDefault(e => e.Value.Name == name) is { Value.Name: not null } found ? found.Key : -1;
    }
}
