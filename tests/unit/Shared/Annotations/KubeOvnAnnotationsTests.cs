using Multinet.Shared.Annotations;

namespace Multinet.UnitTests.Shared.Annotations;

public sealed class KubeOvnAnnotationsTests
{
    private const string Ip = "blue-conf.default.kubernetes.io/ip_address";
    private const string Mac = "blue-conf.default.kubernetes.io/mac_address";
    private const string Pool = "blue-conf.default.kubernetes.io/ip_pool";

    [Fact]
    public void Read_GoodAnnotations_GivesAddressesMacAndPoolInOrder()
    {
        var (request, errors) = KubeOvnAnnotations.Read(new Dictionary<string, string>
        {
            [Mac] = "02:AB:CD:00:00:01",
            [Pool] = "172.19.0.30, 172.19.0.20;172.19.0.25",
        }, "blue-conf", "default");

        Assert.Empty(errors);
        Assert.Equal("02:ab:cd:00:00:01", request.Mac);
        Assert.Equal(["172.19.0.30", "172.19.0.20", "172.19.0.25"], request.IpPool.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData(Ip, "172.19.0", "metadata.annotations[blue-conf.default.kubernetes.io/ip_address]", "\"172.19.0\" is not an IP address.")]
    [InlineData(Ip, "172.19.0.5,172.19.0.6", "metadata.annotations[blue-conf.default.kubernetes.io/ip_address]",
        "two addresses are one per family (dual stack): both are of one family.")]
    [InlineData(Mac, "02:00:00:00:00", "metadata.annotations[blue-conf.default.kubernetes.io/mac_address]", "\"02:00:00:00:00\" is not a MAC address such as 02:00:00:00:00:01.")]
    [InlineData(Mac, "01:00:5e:00:00:01", "metadata.annotations[blue-conf.default.kubernetes.io/mac_address]",
        "01:00:5e:00:00:01 is a multicast address: an interface needs a unicast MAC (even first octet).")]
    [InlineData(Mac, "00:00:00:00:00:00", "metadata.annotations[blue-conf.default.kubernetes.io/mac_address]", "00:00:00:00:00:00 cannot be an interface's MAC.")]
    [InlineData(Pool, "172.19.0.5,,172.19.0.6", "metadata.annotations[blue-conf.default.kubernetes.io/ip_pool][1]",
        "empty entry: a list of addresses such as 172.19.0.10,172.19.0.11 is needed.")]
    [InlineData(Pool, "172.19.0.5,172.19.0.5", "metadata.annotations[blue-conf.default.kubernetes.io/ip_pool][1]", "172.19.0.5 is listed twice.")]
    [InlineData(Pool, "172.19.0.5,172.19.0.0/24", "metadata.annotations[blue-conf.default.kubernetes.io/ip_pool][1]", "\"172.19.0.0/24\" is not an IP address.")]
    public void Read_BadValue_IsReportedAtItsAnnotationAndDropped(string key, string value, string field, string message)
    {
        var (request, errors) = KubeOvnAnnotations.Read(new Dictionary<string, string> { [key] = value }, "blue-conf", "default");

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
        Assert.True(request.IpAddresses.IsEmpty && request.IpPool.IsEmpty && request.Mac is null);
    }

    [Fact]
    public void Read_AddressAndPoolTogether_IsRefusedOnThePool()
    {
        var (request, errors) = KubeOvnAnnotations.Read(new Dictionary<string, string> { [Ip] = "172.19.0.5", [Pool] = "172.19.0.6" }, "blue-conf", "default");

        Assert.Equal($"metadata.annotations[{Pool}]: {Ip} is set too: ask for a static address or a pool, not both.", Assert.Single(errors).ToString());
        Assert.Equal("172.19.0.5", Assert.Single(request.IpAddresses).ToString());
        Assert.Empty(request.IpPool);
    }

    [Fact]
    public void Unattached_PoolNamingANadThePodDoesNotAttach_IsReported()
    {
        var errors = KubeOvnAnnotations.Unattached(new Dictionary<string, string>
        {
            [Pool] = "172.19.0.6",
            ["red-conf.other.kubernetes.io/ip_pool"] = "172.20.0.6",
            ["ovn.kubernetes.io/ip_address"] = "10.16.0.5",
            ["dotted.name-conf.default.kubernetes.io/mac_address"] = "02:00:00:00:00:01",
        }, new HashSet<string>(["default/blue-conf", "default/dotted.name-conf"]));

        Assert.Equal(
            "metadata.annotations[red-conf.other.kubernetes.io/ip_pool]: names NetworkAttachmentDefinition other/red-conf, which the pod does not attach in k8s.v1.cni.cncf.io/networks.",
            Assert.Single(errors).ToString());
    }

    [Theory]
    [InlineData("blue.conf.default.kubernetes.io/ip_pool", true, "blue.conf", "default", "ip_pool")]
    [InlineData("ovn.kubernetes.io/ip_address", false, "", "", "")]
    [InlineData("blue-conf.default.kubernetes.io/logical_switch", false, "", "", "")]
    public void TryParseKey_SplitsNadNamespaceAndKind(string key, bool ok, string nad, string ns, string kind)
    {
        Assert.Equal((ok, nad, ns, kind), (KubeOvnAnnotations.TryParseKey(key, out var n, out var s, out var k), n, s, k));
    }
}
