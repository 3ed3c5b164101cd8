using Google.Protobuf;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Contracts;

public sealed class ProtoMappingsTests
{
    [Fact]
    public void Snapshot_FullInventory_RoundTripsThroughTheWire()
    {
        var inventory = SampleInventory.Full();

        var bytes = NodeSnapshot.FromDomain(3, inventory).ToByteArray();
        var back = NodeSnapshot.Parser.ParseFrom(bytes).ToInventory();

        Assert.True(inventory.Equivalent(back));
        Assert.Equal(4, Assert.Single(back.Vrfs).RouteCount);
        Assert.Equal(["172.19.0.5:8080", "172.19.0.6:8080"], Assert.Single(back.Services).Backends);
        Assert.Equal([true, false], back.Tunnels.Select(t => t.Up));
        var binding = Assert.Single(back.Policies);
        Assert.Equal(SampleInventory.AllowWebRules, binding.Rules);
        Assert.Equal(3, binding.RuleCount);
        Assert.Equal(["80", "8000:8080"], binding.Rules[0].Ports);
        Assert.Null(binding.Rules[1].Protocol);
        Assert.Equal(("02:fe:00:00:00:09", "02:fe:00:00:00:0a"), (Assert.Single(back.Memifs).Mac, Assert.Single(back.Taps).Mac));
    }

    [Fact]
    public void Snapshot_UnknownMacAndNoRules_MapToNullAndEmpty()
    {
        var inventory = SampleInventory.Full() with
        {
            Memifs = [SampleInventory.Memif("pod-a") with { Mac = null }],
            Policies = [new PolicyBindingStatus("default", "pod-a", "memif1", "blue") { Policies = ["default/allow-web"] }],
        };

        var back = NodeSnapshot.Parser.ParseFrom(NodeSnapshot.FromDomain(1, inventory).ToByteArray()).ToInventory();

        Assert.Null(Assert.Single(back.Memifs).Mac);
        Assert.Equal(0, Assert.Single(back.Policies).RuleCount);
        Assert.True(inventory.Equivalent(back));
    }

    [Fact]
    public void Snapshot_BindingFromAnAgentThatPredatesRules_KeepsItsCount()
    {
        var snapshot = NodeSnapshot.FromDomain(1, SampleInventory.Full());
        snapshot.Policies[0].Rules.Clear();

        var binding = Assert.Single(snapshot.ToInventory().Policies);

        Assert.Equal((3, 0), (binding.RuleCount, binding.Rules.Length));
        Assert.NotEqual(binding, binding with { RuleCount = 2 });
    }

    [Fact]
    public void Delta_ARuleChanged_UpsertsTheBindingWithItsNewRules()
    {
        var before = SampleInventory.Full();
        var changed = before.Policies[0] with { Rules = before.Policies[0].Rules.SetItem(0, before.Policies[0].Rules[0] with { Ports = ["81"] }) };
        var after = before with { Policies = [changed] };

        var delta = NodeReportDelta.Between(before, after);
        var back = NodeDelta.Parser.ParseFrom(NodeDelta.FromDomain(5, delta).ToByteArray()).ToDomain();

        Assert.Equal(["81"], Assert.Single(back.Policies.Upserted).Rules[0].Ports);
        Assert.True(after.Equivalent(back.ApplyTo(before)));
        Assert.True(NodeReportDelta.Between(before, before with { Policies = [before.Policies[0] with { Rules = [.. SampleInventory.AllowWebRules] }] }).Policies.Upserted.IsEmpty);
    }

    [Fact]
    public void Snapshot_WithoutLastApply_MapsToNull()
    {
        var back = NodeSnapshot.Parser.ParseFrom(NodeSnapshot.FromDomain(1, NodeInventory.Empty).ToByteArray()).ToInventory();

        Assert.Null(back.LastApply);
        Assert.True(NodeInventory.Empty.Equivalent(back));
    }

    [Fact]
    public void Delta_FullInventory_RoundTripsAndAppliesToTheSameResult()
    {
        var before = SampleInventory.Full();
        var after = before with
        {
            Tunnels = [SampleInventory.Tunnel("blue", "node-2", rxPackets: 99), before.Tunnels[1]],
            Memifs = [],
            Routes = [.. before.Routes, new RouteStatus("blue", "172.19.2.0/24", "node-3")],
            Errors = [],
            LastApply = new ApplyStats(SampleInventory.AppliedAt.AddMinutes(1), 3, 2, 0),
        };

        var delta = NodeReportDelta.Between(before, after);
        var back = NodeDelta.Parser.ParseFrom(NodeDelta.FromDomain(4, delta).ToByteArray()).ToDomain();

        Assert.Equal(["blue/node-2"], back.Tunnels.Upserted.Select(t => t.Key));
        Assert.Equal(["default/pod-a/memif1"], back.Memifs.Removed);
        Assert.Equal(["blue/172.19.2.0/24"], back.Routes.Upserted.Select(r => r.Key));
        Assert.Equal(["tunnel blue/node-3"], back.Errors.Removed);
        Assert.Equal(after.LastApply, back.LastApply);
        Assert.True(back.Vrfs.IsEmpty && back.Taps.IsEmpty && back.Services.IsEmpty && back.Policies.IsEmpty);
        Assert.True(after.Equivalent(back.ApplyTo(before)));
    }

    [Theory]
    [InlineData("tunnel-src", "tunnel[blue/node-2].src \"not-an-ip\" is not an IP address.")]
    [InlineData("tunnel-state", "tunnel[blue/node-2].state 7 is not a known link state.")]
    [InlineData("tunnel-network", "tunnel.network is empty.")]
    [InlineData("memif-pod", "memif[default].pod is empty.")]
    [InlineData("memif-address", "memif[default/pod-a/memif1].address \"10.0.0.300/32\" is not an IP address or prefix.")]
    [InlineData("route-prefix", "route[blue/10.0.0.0/33].prefix \"10.0.0.0/33\" is not an IP address or prefix.")]
    [InlineData("service-backend", "service[default/web].backends[1] \"db\" is not an address with a port.")]
    [InlineData("service-port", "service[default/web].port 0 is not a port (1..65535).")]
    [InlineData("memif-mac", "memif[default/pod-a/memif1].mac \"02:fe:00:00:00\" is not a MAC address (aa:bb:cc:dd:ee:ff).")]
    [InlineData("tap-mac", "tap[default/pod-b/eth1].mac \"zz:fe:00:00:00:0a\" is not a MAC address (aa:bb:cc:dd:ee:ff).")]
    [InlineData("policy-pod", "policy_binding[default].pod is empty.")]
    [InlineData("policy-rule-count", "policy_binding[default/pod-a/memif1].rule_count 2 is not the number of rules (3).")]
    [InlineData("rule-policy", "policy_binding[default/pod-a/memif1].rules[0].policy is empty.")]
    [InlineData("rule-direction", "policy_binding[default/pod-a/memif1].rules[0].direction \"inbound\" is not ingress or egress.")]
    [InlineData("rule-action", "policy_binding[default/pod-a/memif1].rules[1].action \"Permit\" is not one of Allow, Deny, Log, Pass.")]
    [InlineData("rule-protocol", "policy_binding[default/pod-a/memif1].rules[0].protocol \"TCPX\" is not a protocol (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1..255).")]
    [InlineData("rule-net", "policy_binding[default/pod-a/memif1].rules[2].nets[1] \"10.0.0.0/40\" is not a CIDR.")]
    [InlineData("rule-port", "policy_binding[default/pod-a/memif1].rules[1].ports[0] \"99999\" is not a port (1..65535), a range (from:to) or a port name.")]
    [InlineData("rule-port-range", "policy_binding[default/pod-a/memif1].rules[0].ports[1] \"8080:8000\" is not a port (1..65535), a range (from:to) or a port name.")]
    [InlineData("error-object", "error.object is empty.")]
    [InlineData("last-apply-at", "last_apply.at is missing.")]
    public void Snapshot_MalformedItem_IsRejectedNamingTheField(string defect, string expected)
    {
        var snapshot = NodeSnapshot.FromDomain(1, SampleInventory.Full());
        Break(snapshot, defect);

        var error = Assert.Throws<FormatException>(snapshot.ToInventory);

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Snapshot_TwoItemsWithOneKey_IsRejectedNamingTheCollectionAndKey()
    {
        var snapshot = NodeSnapshot.FromDomain(1, SampleInventory.Full());
        snapshot.Tunnels[1].PeerNode = "node-2";

        var error = Assert.Throws<FormatException>(snapshot.ToInventory);

        Assert.Equal("tunnels has two items keyed \"blue/node-2\".", error.Message);
    }

    [Fact]
    public void Delta_MalformedRule_IsRejectedNamingTheField()
    {
        var delta = NodeDelta.FromDomain(2, NodeReportDelta.Empty with { Policies = new([SampleInventory.Full().Policies[0]], []) });
        delta.UpsertedPolicies[0].Rules[2].Ports[0] = "dns_";

        var error = Assert.Throws<FormatException>(delta.ToDomain);

        Assert.Equal("policy_binding[default/pod-a/memif1].rules[2].ports[0] \"dns_\" is not a port (1..65535), a range (from:to) or a port name.", error.Message);
    }

    [Fact]
    public void Delta_EmptyRemovedKey_IsRejectedNamingTheField()
    {
        var delta = new NodeDelta { Sequence = 2 };
        delta.RemovedMemifs.Add("default/pod-a/memif1");
        delta.RemovedMemifs.Add("");

        var error = Assert.Throws<FormatException>(delta.ToDomain);

        Assert.Equal("removed_memifs[1] is empty.", error.Message);
    }

    private static void Break(NodeSnapshot snapshot, string defect)
    {
        switch (defect)
        {
            case "tunnel-src": snapshot.Tunnels[0].Src = "not-an-ip"; break;
            case "tunnel-state": snapshot.Tunnels[0].State = (LinkState)7; break;
            case "tunnel-network": snapshot.Tunnels[0].Network = ""; break;
            case "memif-pod": snapshot.Memifs[0].Pod = ""; break;
            case "memif-address": snapshot.Memifs[0].Address = "10.0.0.300/32"; break;
            case "route-prefix": snapshot.Routes[0].Prefix = "10.0.0.0/33"; break;
            case "service-backend": snapshot.Services[0].Backends[1] = "db"; break;
            case "service-port": snapshot.Services[0].Port = 0; break;
            case "memif-mac": snapshot.Memifs[0].Mac = "02:fe:00:00:00"; break;
            case "tap-mac": snapshot.Taps[0].Mac = "zz:fe:00:00:00:0a"; break;
            case "policy-pod": snapshot.Policies[0].Pod = ""; break;
            case "policy-rule-count": snapshot.Policies[0].RuleCount = 2; break;
            case "rule-policy": snapshot.Policies[0].Rules[0].Policy = ""; break;
            case "rule-direction": snapshot.Policies[0].Rules[0].Direction = "inbound"; break;
            case "rule-action": snapshot.Policies[0].Rules[1].Action = "Permit"; break;
            case "rule-protocol": snapshot.Policies[0].Rules[0].Protocol = "TCPX"; break;
            case "rule-net": snapshot.Policies[0].Rules[2].Nets[1] = "10.0.0.0/40"; break;
            case "rule-port": snapshot.Policies[0].Rules[1].Ports.Add("99999"); break;
            case "rule-port-range": snapshot.Policies[0].Rules[0].Ports[1] = "8080:8000"; break;
            case "error-object": snapshot.Errors[0].Object = ""; break;
            case "last-apply-at": snapshot.LastApply.At = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }
    }
}
