using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Shared.Domain;

/// <summary>
/// Service entries after an agent restart on VPP: cnat keeps one translation per VIP, port and protocol and not its owner,
/// so the restarted agent reads its entries back without namespace, name, Network or table. Two Networks with a Service
/// each on the same port must settle in one pass, not be deleted and re-added across their tables on every pass.
/// </summary>
public sealed class DataplaneDiffServiceRestartTests
{
    private static ClusterView TwoNetworksWithAServiceEach()
    {
        var view = View();
        var blue = view.Services.Single();
        return view with { Services = [blue, blue with { Name = "my-service-red", Network = "red", ClusterIps = ["10.96.0.11"] }] };
    }

    [Fact]
    public void Compute_ServicesOnTwoNetworksReadBackWithoutOwners_SettleInOnePass()
    {
        var plan = Planner.Plan("node-1", TwoNetworksWithAServiceEach());
        Assert.Equal(2, plan.Services.Select(s => s.TableId).Distinct().Count());
        var cnat = new CnatModel(plan.Services.Select(Anonymous));
        var applied = DataplaneDiffFullTests.Applied(plan);

        var first = DataplaneDiff.Compute(plan, applied with { Services = cnat.Dump() });
        cnat.Apply(first);
        var second = DataplaneDiff.Compute(plan, applied with { Services = cnat.Dump() });

        Assert.Empty(first);
        Assert.Empty(second);
    }

    [Fact]
    public void Compute_ServicesOnTwoNetworksWithStaleBackendsAfterARestart_AreUpdatedOnceInTheirOwnTables()
    {
        var plan = Planner.Plan("node-1", TwoNetworksWithAServiceEach());
        var cnat = new CnatModel(plan.Services.Select(s => Anonymous(s) with { Backends = ["172.30.0.1:9376"] }));
        var applied = DataplaneDiffFullTests.Applied(plan);

        var first = DataplaneDiff.Compute(plan, applied with { Services = cnat.Dump() });
        cnat.Apply(first);
        var second = DataplaneDiff.Compute(plan, applied with { Services = cnat.Dump() });

        Assert.Equal(plan.Services.Select(s => s.Key).Order(StringComparer.Ordinal),
            first.OfType<DataplaneOperation.AddServiceEntry>().Select(a => a.Service.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(first, op => op is DataplaneOperation.DeleteServiceEntry);
        Assert.Empty(second);
    }

    private static ServiceEntrySpec Anonymous(ServiceEntrySpec s) =>
        new("", "", "", 0, s.Vip, s.Port, s.Protocol.ToUpperInvariant()) { Backends = [.. s.Backends.Reverse()] };

    /// <summary>
    /// VPP's cnat as the VPP driver sees it: one translation per VIP, port and protocol (an add is an upsert); the driver
    /// knows the owner of what it added since it started and reports the rest without one.
    /// </summary>
    private sealed class CnatModel(IEnumerable<ServiceEntrySpec> restored)
    {
        private readonly Dictionary<string, ServiceEntrySpec> _translations = restored.ToDictionary(VipKey, StringComparer.Ordinal);

        public System.Collections.Immutable.ImmutableArray<ServiceEntrySpec> Dump() => [.. _translations.Values];

        public void Apply(IEnumerable<DataplaneOperation> operations)
        {
            foreach (var operation in operations)
            {
                switch (operation)
                {
                    case DataplaneOperation.AddServiceEntry add:
                        _translations[VipKey(add.Service)] = add.Service;
                        break;
                    case DataplaneOperation.DeleteServiceEntry delete:
                        _translations.Remove(VipKey(delete.Service));
                        break;
                }
            }
        }

        private static string VipKey(ServiceEntrySpec s) => $"{s.Vip}:{s.Port}/{s.Protocol.ToUpperInvariant()}";
    }
}
