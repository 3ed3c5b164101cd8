namespace Multinet.Shared.Ipam;

/// <summary>The names Whereabouts gives its IPPool objects.</summary>
public static class WhereaboutsPoolNames
{
    /// <summary>
    /// As Whereabouts' NormalizeRange: ':' and '/' become '-' (<c>172.19.0.0/16</c> → <c>172.19.0.0-16</c>,
    /// <c>fd00::/64</c> → <c>fd00---64</c>), prefixed by the network name for named networks.
    /// </summary>
    public static string ForRange(string cidr, string? networkName = null)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var range = cidr.EndsWith(':') ? cidr + "0" : cidr;
        var normalized = range.Replace(':', '-').Replace('/', '-');
        return string.IsNullOrEmpty(networkName) ? normalized : $"{networkName}-{normalized}";
    }
}
