using System.Collections.Immutable;
using Google.Protobuf.Collections;
using Multinet.Shared.Domain;

#pragma warning disable IDE0130 // partial classes on generated types live in the generated namespace
namespace Multinet.Contracts.Agent.V1;

public sealed partial class InventoryError
{
    public static InventoryError FromDomain(ObjectError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new InventoryError { Object = error.Object, Network = error.Network ?? string.Empty, Message = error.Message };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public ObjectError ToDomain()
    {
        ProtoValues.Required(Object, "error.object");
        return new ObjectError(Object, ProtoValues.Optional(Network), Message);
    }
}

public sealed partial class ApplyReport
{
    public static ApplyReport FromDomain(ApplyStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new ApplyReport
        {
            At = ProtoValues.Timestamp(stats.At),
            DurationMs = stats.DurationMs,
            Operations = stats.Operations,
            Failures = stats.Failures,
        };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public ApplyStats ToDomain()
    {
        if (At is null)
        {
            throw new FormatException("last_apply.at is missing.");
        }

        if (!double.IsFinite(DurationMs) || DurationMs < 0)
        {
            throw new FormatException($"last_apply.duration_ms {DurationMs} is not a duration.");
        }

        ProtoValues.NotNegative(Operations, "last_apply.operations");
        ProtoValues.NotNegative(Failures, "last_apply.failures");
        return new ApplyStats(ProtoValues.Time(At, "last_apply.at"), DurationMs, Operations, Failures);
    }
}

public sealed partial class NodeSnapshot
{
    public static NodeSnapshot FromDomain(ulong sequence, IEnumerable<VrfStatus> vrfs)
    {
        var snapshot = new NodeSnapshot { Sequence = sequence };
        snapshot.Vrfs.AddRange(vrfs.Select(Vrf.FromDomain));
        return snapshot;
    }

    /// <summary>A snapshot of the node's whole inventory.</summary>
    public static NodeSnapshot FromDomain(ulong sequence, NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var snapshot = FromDomain(sequence, inventory.Vrfs);
        snapshot.Tunnels.AddRange(inventory.Tunnels.Select(Tunnel.FromDomain));
        snapshot.Memifs.AddRange(inventory.Memifs.Select(Memif.FromDomain));
        snapshot.Taps.AddRange(inventory.Taps.Select(Tap.FromDomain));
        snapshot.Routes.AddRange(inventory.Routes.Select(Route.FromDomain));
        snapshot.Services.AddRange(inventory.Services.Select(ServiceEntry.FromDomain));
        snapshot.Policies.AddRange(inventory.Policies.Select(PolicyBinding.FromDomain));
        snapshot.Errors.AddRange(inventory.Errors.Select(InventoryError.FromDomain));
        if (inventory.LastApply is { } last)
        {
            snapshot.LastApply = ApplyReport.FromDomain(last);
        }

        return snapshot;
    }

    /// <summary>The VRFs only.</summary>
    public ImmutableArray<VrfStatus> ToDomain() => [.. Vrfs.Select(v => v.ToDomain())];

    /// <summary>The whole inventory, each collection ordered by key; throws <see cref="FormatException"/> naming the first bad field.</summary>
    public NodeInventory ToInventory() => new()
    {
        Vrfs = ProtoValues.Sorted(Vrfs, v => v.ToDomain(), "vrfs"),
        Tunnels = ProtoValues.Sorted(Tunnels, t => t.ToDomain(), "tunnels"),
        Memifs = ProtoValues.Sorted(Memifs, m => m.ToDomain(), "memifs"),
        Taps = ProtoValues.Sorted(Taps, t => t.ToDomain(), "taps"),
        Routes = ProtoValues.Sorted(Routes, r => r.ToDomain(), "routes"),
        Services = ProtoValues.Sorted(Services, s => s.ToDomain(), "services"),
        Policies = ProtoValues.Sorted(Policies, p => p.ToDomain(), "policies"),
        Errors = ProtoValues.Sorted(Errors, e => e.ToDomain(), "errors"),
        LastApply = LastApply?.ToDomain(),
    };
}

public sealed partial class NodeDelta
{
    public static NodeDelta FromDomain(ulong sequence, NodeReportDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var message = new NodeDelta { Sequence = sequence };
        message.UpsertedVrfs.AddRange(delta.Upserted.Select(Vrf.FromDomain));
        message.RemovedVrfNetworks.AddRange(delta.RemovedNetworks);
        Add(delta.Tunnels, message.UpsertedTunnels, message.RemovedTunnels, Tunnel.FromDomain);
        Add(delta.Memifs, message.UpsertedMemifs, message.RemovedMemifs, Memif.FromDomain);
        Add(delta.Taps, message.UpsertedTaps, message.RemovedTaps, Tap.FromDomain);
        Add(delta.Routes, message.UpsertedRoutes, message.RemovedRoutes, Route.FromDomain);
        Add(delta.Services, message.UpsertedServices, message.RemovedServices, ServiceEntry.FromDomain);
        Add(delta.Policies, message.UpsertedPolicies, message.RemovedPolicies, PolicyBinding.FromDomain);
        Add(delta.Errors, message.UpsertedErrors, message.RemovedErrors, InventoryError.FromDomain);
        if (delta.LastApply is { } last)
        {
            message.LastApply = ApplyReport.FromDomain(last);
        }

        return message;
    }

    /// <summary>Maps to the domain; throws <see cref="FormatException"/> naming the first bad field.</summary>
    public NodeReportDelta ToDomain() => new([.. UpsertedVrfs.Select(v => v.ToDomain())], Keys(RemovedVrfNetworks, "removed_vrf_networks"))
    {
        Tunnels = new([.. UpsertedTunnels.Select(t => t.ToDomain())], Keys(RemovedTunnels, "removed_tunnels")),
        Memifs = new([.. UpsertedMemifs.Select(m => m.ToDomain())], Keys(RemovedMemifs, "removed_memifs")),
        Taps = new([.. UpsertedTaps.Select(t => t.ToDomain())], Keys(RemovedTaps, "removed_taps")),
        Routes = new([.. UpsertedRoutes.Select(r => r.ToDomain())], Keys(RemovedRoutes, "removed_routes")),
        Services = new([.. UpsertedServices.Select(s => s.ToDomain())], Keys(RemovedServices, "removed_services")),
        Policies = new([.. UpsertedPolicies.Select(p => p.ToDomain())], Keys(RemovedPolicies, "removed_policies")),
        Errors = new([.. UpsertedErrors.Select(e => e.ToDomain())], Keys(RemovedErrors, "removed_errors")),
        LastApply = LastApply?.ToDomain(),
    };

    private static void Add<TItem, TMessage>(CollectionDelta<TItem> delta, RepeatedField<TMessage> upserted, RepeatedField<string> removed,
        Func<TItem, TMessage> map)
        where TItem : IInventoryItem
    {
        upserted.AddRange(delta.Upserted.Select(map));
        removed.AddRange(delta.Removed);
    }

    private static ImmutableArray<string> Keys(RepeatedField<string> keys, string field)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.IsNullOrEmpty(keys[i]))
            {
                throw new FormatException($"{field}[{i}] is empty.");
            }
        }

        return [.. keys];
    }
}
