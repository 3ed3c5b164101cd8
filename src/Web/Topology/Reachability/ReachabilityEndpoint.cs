using System.Net;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// One end of a reachability question, written <c>pod/ns/name@network</c>, <c>ip/10.0.0.5@network</c> or
/// <c>svc/ns/name</c> (a Service is on the Network its annotation names; <c>svc/ns/name@network</c> must agree with it).
/// </summary>
public sealed record ReachabilityEndpoint(EndpointKind Kind, string? Namespace, string? Name, string? Network, IPAddress? Address)
{
    /// <summary>The syntax, for error messages and the API's documentation.</summary>
    public const string Syntax = "pod/<namespace>/<name>@<network>, ip/<address>@<network> or svc/<namespace>/<name>";

    public static ReachabilityEndpoint ForPod(string ns, string name, string network) => new(EndpointKind.Pod, ns, name, network, null);

    public static ReachabilityEndpoint ForAddress(IPAddress address, string network) => new(EndpointKind.Address, null, null, network, address);

    public static ReachabilityEndpoint ForService(string ns, string name) => new(EndpointKind.Service, ns, name, null, null);

    /// <summary>Reads the text form; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, out ReachabilityEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Required: an endpoint such as {Syntax}.";
            return false;
        }

        var at = text.LastIndexOf('@');
        var body = at < 0 ? text : text[..at];
        var network = at < 0 ? null : text[(at + 1)..];
        if (network is { Length: 0 })
        {
            error = $"\"{text}\": the network after '@' is empty.";
            return false;
        }

        var parts = body.Split('/');
        switch (parts[0])
        {
            case "pod" when parts.Length == 3 && parts[1].Length > 0 && parts[2].Length > 0:
                if (network is null)
                {
                    error = $"\"{text}\": a pod endpoint names its network: pod/{parts[1]}/{parts[2]}@<network>.";
                    return false;
                }

                endpoint = ForPod(parts[1], parts[2], network);
                break;
            case "ip" when parts.Length == 2 && IPAddress.TryParse(parts[1], out var address):
                if (network is null)
                {
                    error = $"\"{text}\": an address endpoint names its network: ip/{parts[1]}@<network>.";
                    return false;
                }

                endpoint = ForAddress(address, network);
                break;
            case "ip" when parts.Length == 2:
                error = $"\"{text}\": \"{parts[1]}\" is not an IP address.";
                return false;
            case "svc" when parts.Length == 3 && parts[1].Length > 0 && parts[2].Length > 0:
                endpoint = ForService(parts[1], parts[2]) with { Network = network };
                break;
            default:
                error = $"\"{text}\" is not an endpoint: use {Syntax}.";
                return false;
        }

        error = null;
        return true;
    }

    public override string ToString() => Kind switch
    {
        EndpointKind.Pod => $"pod/{Namespace}/{Name}@{Network}",
        EndpointKind.Address => $"ip/{Address}@{Network}",
        _ => Network is null ? $"svc/{Namespace}/{Name}" : $"svc/{Namespace}/{Name}@{Network}",
    };
}
