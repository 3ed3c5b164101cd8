using System.Text.Json.Nodes;
using Multinet.Web.Cluster;

namespace Multinet.UnitTests.TestSupport;

/// <summary>An <see cref="IKubeObjectClient"/> that keeps what it was asked to apply and answers from memory.</summary>
public sealed class RecordingKubeObjectClient : IKubeObjectClient
{
    public List<(ObjectRef Target, JsonObject Body)> Applied { get; } = [];

    public Func<ObjectRef, ObjectWriteResult?> Refuse { get; set; } = _ => null;

    public Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken cancellationToken) =>
        Task.FromResult<JsonObject?>(Applied.LastOrDefault(a => a.Target == target).Body);

    public Task<IReadOnlyList<JsonObject>> ListAsync(ManagedKind kind, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JsonObject>>([.. Applied.Where(a => a.Target.Kind == kind).Select(a => a.Body)]);

    public Task<ObjectWriteResult> ReplaceAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken) =>
        ApplyAsync(target, body, dryRun, cancellationToken);

    public Task<ObjectWriteResult> ApplyAsync(ObjectRef target, JsonObject body, bool dryRun, CancellationToken cancellationToken)
    {
        if (Refuse(target) is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        if (!dryRun)
        {
            Applied.Add((target, body));
        }

        return Task.FromResult(new ObjectWriteResult(body, [], null, false));
    }
}
