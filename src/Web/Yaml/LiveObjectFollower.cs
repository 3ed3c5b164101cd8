using Multinet.Kube;
using Multinet.Web.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Yaml;

/// <summary>
/// News about the object an editor holds: a newer version on the server (<see cref="ResourceVersion"/>, written by
/// <see cref="Manager"/> at <see cref="Time"/> when the API says), or its deletion. <see cref="Reloaded"/>: the editor
/// had no edit and took the new version itself.
/// </summary>
public sealed record ServerNotice(ObjectRef Target, bool Deleted, string? ResourceVersion, string? Manager, DateTime Time)
{
    public bool Reloaded { get; init; }

    /// <summary>The fields the server's version changed, as the editor shows them (<c>spec/range</c>), when known.</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    public string Text
    {
        get
        {
            var by = string.IsNullOrEmpty(Manager) ? "" : $" by {Manager}";
            var what = ChangedFields.Count == 0 ? "" : $" Changed: {string.Join(", ", ChangedFields)}.";
            var at = $"at {Time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} UTC";
            return Deleted
                ? $"{Target.Name} was deleted on the server (seen {at}). Your text is kept; Apply would re-create it from your text."
                : Reloaded
                    ? $"{Target.Name} was changed on the server{by} {at} (resourceVersion {ResourceVersion}): reloaded the server's newer version (you had not edited it).{what}"
                    : $"{Target.Name} was changed on the server{by} {at} (resourceVersion {ResourceVersion}).{what}";
        }
    }
}

/// <summary>
/// Follows the object an editor holds through the console's one shared cache (<see cref="LiveState"/>: Networks from
/// their watch, NADs, services and Calico policies from the cluster objects watch), never with a watch of its own.
/// Whereabouts IPPools are not in the shared cache (the IPAM rewrites them on every allocation): for them there is no
/// live news, and Apply's resourceVersion guard alone protects the other change.
/// </summary>
public sealed class LiveObjectFollower
{
    private ObjectRef? _target;
    private bool _seen;
    private string? _noticed;

    /// <summary>Whether the shared cache holds objects of this kind.</summary>
    public static bool Follows(ManagedKind kind) =>
        kind == ManagedKind.Network || kind == ManagedKind.NetworkAttachmentDefinition || kind == ManagedKind.Service || kind == ManagedKind.CalicoNetworkPolicy;

    /// <summary>
    /// The version of <paramref name="target"/> the cache holds (null: not there). False when the cache cannot tell yet
    /// (its kind was not listed), or does not follow the kind.
    /// </summary>
    public static bool TryFind(LiveSnapshot snapshot, ObjectRef target, out ObjectStamp? stamp)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(target);
        stamp = null;
        if (target.Kind == ManagedKind.Network)
        {
            stamp = snapshot.Networks.TryGetValue(target.Name, out var network) ? ObjectStamp.Of(network.Metadata) : null;
            return true;
        }

        var kind = target.Kind == ManagedKind.NetworkAttachmentDefinition ? WatchedKinds.Nads.Name
            : target.Kind == ManagedKind.Service ? WatchedKinds.Services.Name
            : target.Kind == ManagedKind.CalicoNetworkPolicy ? WatchedKinds.Policies.Name
            : target.Kind == ManagedKind.VirtualMachine ? KubeVirtKinds.VmsName
            : target.Kind == ManagedKind.VirtualMachineInstance ? KubeVirtKinds.VmisName
            : null;
        if (kind is null || !snapshot.Objects.Stamped(kind))
        {
            return false;
        }

        stamp = snapshot.Objects.StampOf(kind, ClusterObjectsWatch.KeyOf(target.Namespace, target.Name));
        return true;
    }

    /// <summary>
    /// Compares the cache with what <paramref name="session"/> loaded; returns news once per server version (or
    /// deletion), null when there is none. A newer version is a candidate: the cache does not hold every kind whole,
    /// so the page reads the object once (<see cref="YamlEditSession.CheckServerAsync"/>) to tell a change of what
    /// the editor shows from a status update. A deletion counts only for an object this follower saw in the cache, so a
    /// cache still listing is not mistaken for one.
    /// </summary>
    public ServerNotice? Observe(LiveSnapshot snapshot, YamlEditSession session, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Target is not { } target || !Follows(target.Kind) || (session.ResourceVersion is null && !session.DeletedOnServer))
        {
            return null;
        }

        if (target != _target)
        {
            (_target, _seen, _noticed) = (target, false, null);
        }

        if (!TryFind(snapshot, target, out var stamp))
        {
            return null;
        }

        if (stamp is null)
        {
            if (!_seen || session.DeletedOnServer)
            {
                return null;
            }

            _seen = false;
            _noticed = null;
            return new ServerNotice(target, Deleted: true, null, null, now);
        }

        _seen = true;
        if (stamp.ResourceVersion == _noticed || !(session.DeletedOnServer || ObjectStamp.IsNewer(stamp.ResourceVersion, session.ResourceVersion)))
        {
            return null;
        }

        _noticed = stamp.ResourceVersion;
        return new ServerNotice(target, Deleted: false, stamp.ResourceVersion, stamp.Manager, stamp.Time ?? now);
    }
}
