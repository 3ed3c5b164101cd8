using System.Net;
using Multinet.Web.Topology.Reachability;

namespace Multinet.UnitTests.Web.Topology.Reachability;

public sealed class ReachabilityEndpointTests
{
    [Theory]
    [InlineData("pod/default/a@blue", EndpointKind.Pod, "default", "a", "blue", null)]
    [InlineData("ip/10.0.0.5@red", EndpointKind.Address, null, null, "red", "10.0.0.5")]
    [InlineData("ip/fd00::5@red", EndpointKind.Address, null, null, "red", "fd00::5")]
    [InlineData("svc/default/web", EndpointKind.Service, "default", "web", null, null)]
    [InlineData("svc/default/web@blue", EndpointKind.Service, "default", "web", "blue", null)]
    public void TryParse_EachForm_ReadsItsParts_AndWritesItBack(string text, EndpointKind kind, string? ns, string? name, string? network, string? address)
    {
        Assert.True(ReachabilityEndpoint.TryParse(text, out var endpoint, out var error), error);

        Assert.Equal(new ReachabilityEndpoint(kind, ns, name, network, address is null ? null : IPAddress.Parse(address)), endpoint);
        Assert.Equal(text, endpoint!.ToString());
    }

    [Theory]
    [InlineData(null, "Required: an endpoint such as pod/<namespace>/<name>@<network>, ip/<address>@<network> or svc/<namespace>/<name>.")]
    [InlineData("pod/default/a", "\"pod/default/a\": a pod endpoint names its network: pod/default/a@<network>.")]
    [InlineData("ip/10.0.0.300@blue", "\"ip/10.0.0.300@blue\": \"10.0.0.300\" is not an IP address.")]
    [InlineData("ip/10.0.0.5", "\"ip/10.0.0.5\": an address endpoint names its network: ip/10.0.0.5@<network>.")]
    [InlineData("pod/default/a@", "\"pod/default/a@\": the network after '@' is empty.")]
    [InlineData("node/node-1", "\"node/node-1\" is not an endpoint: use pod/<namespace>/<name>@<network>, ip/<address>@<network> or svc/<namespace>/<name>.")]
    [InlineData("pod//a@blue", "\"pod//a@blue\" is not an endpoint: use pod/<namespace>/<name>@<network>, ip/<address>@<network> or svc/<namespace>/<name>.")]
    public void TryParse_Malformed_SaysWhatIsWrong(string? text, string expected)
    {
        Assert.False(ReachabilityEndpoint.TryParse(text, out var endpoint, out var error));

        Assert.Null(endpoint);
        Assert.Equal(expected, error);
    }
}
