using System.Globalization;
using System.Text.Json.Nodes;
using Multinet.Web.Cluster;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// An <see cref="IKubeObjectClient"/> that behaves like an API server about versions: every write gives the object a
/// new resourceVersion, a replace naming an older one is a conflict and a replace of a missing object is not found.
/// <see cref="Put"/> and <see cref="Delete"/> are someone else's writes.
/// </summary>
public sealed class VersionedKubeObjectClient : IKubeObjectClient
{
    private readonly Dictionary<ObjectRef, JsonObject> _objects = [];
    private long _version;

    /// <summary>Every write that reached the store (dry runs excluded), in order.</summary>
    public List<(ObjectRef Target, JsonObject Body)> Written { get; } = [];

    /// <summary>Writes <paramref name="body"/> as it is (someone else's write): returns it with its new resourceVersion.</summary>
    public JsonObject Put(ObjectRef target, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        var stored = (JsonObject)body.DeepClone();
        stored["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
        _objects[target] = stored;
        Written.Add((target, (JsonObject)stored.DeepClone()));
        return (JsonObject)stored.DeepClone();
    }

    public void Delete(ObjectRef target) => _objects.Remove(target);

    public JsonObject? Stored(ObjectRef target) => _objects.TryGetValue(target, out var found) ? (JsonObject)found.DeepClone() : null;

    /// <summary>How many times <see cref="GetAsync"/> was called.</summary>
    public int Reads { get; private set; }

    public Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(Stored(target));
    }

    public Task<IReadOnlyList<JsonObject>> ListAsync(ManagedKind kind, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JsonObject>>([.. _objects.Where(o => o.Key.Kind == kind).Select(o => (JsonObject)o.Value.DeepClone())]);

    public Task<ObjectWriteResult> ReplaceAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!_objects.TryGetValue(target, out var current))
        {
            return Task.FromResult(new ObjectWriteResult(null, [], $"{target.Name} not found", Conflict: false, NotFound: true));
        }

        var named = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (named != current["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            return Task.FromResult(new ObjectWriteResult(null, [], "the object has been modified; please apply your changes to the latest version and try again", Conflict: true));
        }

        return Task.FromResult(new ObjectWriteResult(dryRun ? (JsonObject)body.DeepClone() : Put(target, body), [], null, false));
    }

    public Task<ObjectWriteResult> ApplyAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken) =>
        Task.FromResult(new ObjectWriteResult(dryRun ? (JsonObject)body.DeepClone() : Put(target, body), [], null, false));
}
