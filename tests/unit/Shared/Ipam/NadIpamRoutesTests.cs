using System.Net;
using Multinet.Shared.Ipam;

namespace Multinet.UnitTests.Shared.Ipam;

public sealed class NadIpamRoutesTests
{
    [Fact]
    public void Parse_RoutesAndExcludeIps_AreReadWithTheirPaths()
    {
        var (config, error) = NadIpamConfig.Parse("""
            {"plugins":[{"type":"tuning"},{"type":"calico","dataplane_options":{"network_name":"blue"},
             "ipam":{"type":"whereabouts","excludeIps":["172.19.0.1..172.19.0.9"],"routes":[{"dst":"10.0.0.0/8","gw":"172.19.0.1"},{"dst":"0.0.0.0/0"}]}}]}
            """);

        Assert.Null(error);
        Assert.NotNull(config);
        Assert.Empty(config.Problems);
        Assert.Equal(["172.19.0.1..172.19.0.9"], config.Exclude);
        Assert.Equal("spec.config.plugins[1].ipam.excludeIps", config.ExcludeField);
        Assert.Equal("spec.config.plugins[1].ipam.routes", config.RoutesField);
        Assert.Equal(["10.0.0.0/8 via 172.19.0.1", "0.0.0.0/0"], config.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void Parse_MalformedRoutes_AreReportedFieldByField()
    {
        var (config, _) = NadIpamConfig.Parse("""
            {"type":"macvlan","ipam":{"type":"whereabouts","range":"192.168.5.0/24","exclude":[7],
             "routes":[{"gw":"192.168.5.1"},{"dst":"10.1.2.3/8"},{"dst":"10.0.0.0/8","gw":"nope"},{"dst":"10.0.0.0/8","gw":"fd00::1"},"x",{"dst":"10.2.0.0/16"}]}}
            """);

        Assert.NotNull(config);
        Assert.Equal(
            [
                "spec.config.ipam.exclude[0]: must be a string, not number.",
                "spec.config.ipam.routes[0].dst: a destination CIDR such as 10.0.0.0/8 (0.0.0.0/0 for a default route) is needed.",
                "spec.config.ipam.routes[1].dst: \"10.1.2.3/8\" has host bits set: did you mean 10.0.0.0/8?",
                "spec.config.ipam.routes[2].gw: \"nope\" is not an IP address.",
                "spec.config.ipam.routes[3].gw: fd00::1 is not of the family of dst 10.0.0.0/8.",
                "spec.config.ipam.routes[4]: must be an object such as {\"dst\": \"10.0.0.0/8\", \"gw\": \"172.19.0.1\"}.",
            ],
            config.Problems.Select(p => p.ToString()));
        Assert.Equal(["10.2.0.0/16"], config.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void Check_GatewayOutsideTheRange_SaysSo()
    {
        var route = new NadRoute(IPNetwork.Parse("10.0.0.0/8"), IPAddress.Parse("172.20.0.1"));

        Assert.Equal("gw 172.20.0.1 is outside the range 172.19.0.0/16: a gateway must be reachable on the network.",
            route.Check(IPNetwork.Parse("172.19.0.0/16")));
        Assert.Null(route.Check(IPNetwork.Parse("172.20.0.0/16")));
    }
}
