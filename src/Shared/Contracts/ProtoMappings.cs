using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Multinet.Shared.Domain;

#pragma warning disable IDE0130 // partial classes on generated types live in the generated namespace
namespace Multinet.Contracts.Agent.V1;

public sealed partial class Vrf
{
    public static Vrf FromDomain(VrfStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var vrf = new Vrf
        {
            Network = status.Network,
            TableId = status.TableId,
            State = status.State switch
            {
                Shared.Domain.VrfState.Applied => VrfState.Applied,
                Shared.Domain.VrfState.Error => VrfState.Error,
                _ => VrfState.Pending,
            },
            Error = status.Error ?? string.Empty,
            Generation = status.Generation,
        };
        if (status.AppliedAt is { } at)
        {
            vrf.AppliedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        }

        return vrf;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public VrfStatus ToDomain()
    {
        if (string.IsNullOrEmpty(Network))
        {
            throw new FormatException("vrf.network is empty.");
        }

        var state = State switch
        {
            VrfState.Applied => Shared.Domain.VrfState.Applied,
            VrfState.Error => Shared.Domain.VrfState.Error,
            VrfState.Pending => Shared.Domain.VrfState.Pending,
            _ => throw new FormatException($"vrf[{Network}].state {State} is not a known state."),
        };
        return new VrfStatus(Network, TableId, state, string.IsNullOrEmpty(Error) ? null : Error, Generation, AppliedAt?.ToDateTime());
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

    public ImmutableArray<VrfStatus> ToDomain() => [.. Vrfs.Select(v => v.ToDomain())];
}

public sealed partial class NodeDelta
{
    public static NodeDelta FromDomain(ulong sequence, NodeReportDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var message = new NodeDelta { Sequence = sequence };
        message.UpsertedVrfs.AddRange(delta.Upserted.Select(Vrf.FromDomain));
        message.RemovedVrfNetworks.AddRange(delta.RemovedNetworks);
        return message;
    }

    public NodeReportDelta ToDomain() => new([.. UpsertedVrfs.Select(v => v.ToDomain())], [.. RemovedVrfNetworks]);
}
