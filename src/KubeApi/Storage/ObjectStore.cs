using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Multinet.KubeApi.Hosting;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Storage;

/// <summary>Decides a write from the current object (null when absent) and the stored objects of the same resource.</summary>
internal delegate WriteIntent WriteDecision(JsonObject? current, IReadOnlyList<JsonObject> siblings);

/// <summary>
/// The embedded API's object store. Reads are served from memory; writes go through one writer, are committed to
/// SQLite (WAL) with the next revision before they are acknowledged, and are then published to watchers.
/// </summary>
internal sealed partial class ObjectStore(
    IDbContextFactory<KubeApiDbContext> dbFactory,
    IOptions<KubeApiOptions> options,
    TimeProvider timeProvider,
    ILogger<ObjectStore> logger)
{
    private static readonly string[] s_seedNamespaces = ["default", "kube-system"];

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _state = new();
    private readonly Dictionary<ObjectKey, MemoryObject> _objects = [];
    private readonly Dictionary<(string Group, string Plural), ResourceIndex> _indexes = [];
    private readonly Lock _initLock = new();
    private Task? _initialization;
    private long _revision;

    /// <summary>The last resourceVersion handed out.</summary>
    public long Revision
    {
        get
        {
            lock (_state)
            {
                return _revision;
            }
        }
    }

    /// <summary>Opens the database (once) and loads every object; safe to call from every request.</summary>
    public Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        lock (_initLock)
        {
            // Shared by all callers, so one caller's cancellation must not fail it for the others.
            _initialization ??= InitializeAsync(CancellationToken.None);
        }

        return _initialization.WaitAsync(cancellationToken);
    }

    /// <summary>The stored objects of one resource (one namespace, or all when <paramref name="ns"/> is null) and the revision they are at.</summary>
    /// <remarks>The objects are the store's own, shared and unchanged: a list streams their JSON without copying it.</remarks>
    public (IReadOnlyList<MemoryObject> Items, long Revision) List(ResourceDescriptor resource, string? ns)
    {
        lock (_state)
        {
            return (_indexes.TryGetValue((resource.Group, resource.Plural), out var index) ? index.Snapshot(ns) : [], _revision);
        }
    }

    /// <summary>
    /// All stored objects of a resource for validators, which must not modify them: each is parsed the first time a
    /// validator reads it and shared after that, so kinds whose validators never look at siblings (pods) parse none.
    /// </summary>
    private SharedObjects Siblings(ResourceDescriptor resource) => new(List(resource, null).Items);

    public JsonObject? Get(ResourceDescriptor resource, string ns, string name)
    {
        lock (_state)
        {
            return _objects.TryGetValue(new(resource.Group, resource.Plural, ns, name), out var stored) ? stored.Copy() : null;
        }
    }

    /// <summary>
    /// Runs <paramref name="decide"/> under the single writer and commits its result with the next revision.
    /// Returns the object as stored (for a delete: its last state, carrying the delete's resourceVersion).
    /// Exceptions from <paramref name="decide"/> propagate and nothing is written.
    /// </summary>
    public async Task<WriteIntent> WriteAsync(ResourceDescriptor resource, string ns, string name, WriteDecision decide, bool dryRun, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = new ObjectKey(resource.Group, resource.Plural, ns, name);
            var intent = decide(Get(resource, ns, name), Siblings(resource));
            if (intent.Action is WriteAction.NoOp || dryRun)
            {
                return intent;
            }

            var revision = Revision + 1;
            intent.Object["metadata"]!["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var json = intent.Object.ToJsonString();

            // Once decided, the commit is not abandoned half-way: memory and watchers must follow the database exactly.
            await CommitAsync(key, intent.Action is WriteAction.Delete ? null : json, revision, CancellationToken.None);
            Publish(key, intent.Action, revision, MemoryObject.Of(key, revision, intent.Object));
            return intent;
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.DataPath("kube-api.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // EnsureCreated: this store has one table of JSON documents plus a counter; its schema is not expected to
            // evolve the way relational data does, so it is created rather than migrated.
            await db.Database.EnsureCreatedAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            var rows = await db.Objects.AsNoTracking().ToListAsync(cancellationToken);
            var counter = await db.Revisions.AsNoTracking().Select(r => (long?)r.Value).SingleOrDefaultAsync(cancellationToken) ?? 0;
            lock (_state)
            {
                foreach (var row in rows)
                {
                    Keep(MemoryObject.Of(new(row.Group, row.Plural, row.Namespace, row.Name), row.ResourceVersion, row.Json));
                }

                _revision = Math.Max(counter, rows.Count == 0 ? 0 : rows.Max(r => r.ResourceVersion));
                _windowStart = _revision;
            }

            logger.LogInformation("Embedded API store {Path} opened: {Count} objects at revision {Revision}", path, rows.Count, _revision);
        }

        foreach (var name in s_seedNamespaces)
        {
            if (Get(BuiltInResources.Namespaces, "", name) is null)
            {
                await SeedNamespaceAsync(name, cancellationToken);
            }
        }
    }

    /// <summary>Holds an object in memory and in its resource's index (under <see cref="_state"/>).</summary>
    private void Keep(MemoryObject item)
    {
        _objects[item.Key] = item;
        var resource = (item.Key.Group, item.Key.Plural);
        if (!_indexes.TryGetValue(resource, out var index))
        {
            _indexes[resource] = index = new ResourceIndex();
        }

        index.Set(item);
    }

    /// <summary>Drops an object from memory and from its resource's index (under <see cref="_state"/>).</summary>
    private void Forget(ObjectKey key)
    {
        _objects.Remove(key);
        if (_indexes.TryGetValue((key.Group, key.Plural), out var index))
        {
            index.Remove(key);
        }
    }

    private async Task SeedNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        var revision = Revision + 1;
        var ns = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["creationTimestamp"] = KubeTime.Format(timeProvider.GetUtcNow()),
                ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
            },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = "Active" },
        };
        var key = new ObjectKey("", "namespaces", "", name);
        var json = ns.ToJsonString();
        await _writer.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await CommitAsync(key, json, revision, cancellationToken);
            Publish(key, WriteAction.Put, revision, MemoryObject.Of(key, revision, ns));
        }
        finally
        {
            _writer.Release();
        }
    }
}
