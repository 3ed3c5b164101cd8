using System.Text.Json.Nodes;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Resources;

/// <summary>Validates a candidate object against the stored objects of the same resource (it may be among them).</summary>
internal delegate ValidationResult ResourceValidator(JsonObject candidate, IReadOnlyList<JsonObject> existing);

/// <summary>Finds a stored object of another resource (namespace empty for cluster-scoped kinds), for cross-kind admission.</summary>
internal delegate JsonObject? ObjectLookup(ResourceDescriptor resource, string ns, string name);

/// <summary>Warnings about a candidate that depend on other kinds (e.g. a NAD naming a missing Network); they never block a write.</summary>
internal delegate IReadOnlyList<FieldViolation> AdmissionWarnings(JsonObject candidate, ObjectLookup lookup);

/// <summary>
/// Everything the embedded API needs to serve one kind: where it lives (group, version, plural), how it is named,
/// whether it is namespaced, whether it has a status subresource, and how it is validated.
/// </summary>
internal sealed record ResourceDescriptor
{
    /// <summary>The API group; empty for the core ("legacy") group served under /api.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public bool HasStatusSubresource { get; init; }

    /// <summary>Serves <c>{plural}/scale</c> (an autoscaling/v1 Scale of <c>spec.replicas</c>), as kube-apiserver does for workloads.</summary>
    public bool HasScaleSubresource { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Served from a CustomResourceDefinition on a real cluster: strategic merge patch is refused (415), as kube does.</summary>
    public bool IsCustomResource { get; init; }

    /// <summary>Reviews answered and never stored (TokenReview): only create is served, by its own handler.</summary>
    public bool CreateOnly { get; init; }

    /// <summary>Read-only kinds computed by the server (e.g. the CRDs of our own kinds); writes get 405.</summary>
    public Func<IEnumerable<JsonObject>>? Synthesized { get; init; }

    public AdmissionWarnings Warn { get; init; } = static (_, _) => [];

    public ResourceValidator Validate { get; init; } = static (_, _) => ValidationResult.Valid;

    /// <summary>Names that can never be deleted (e.g. the default namespace).</summary>
    public IReadOnlySet<string> Undeletable { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Fills server-side defaults on a new object (e.g. a namespace's phase).</summary>
    public Action<JsonObject> OnCreate { get; init; } = static _ => { };

    /// <summary>Assigns what must be unique among the stored objects of the kind (e.g. a Service's cluster IP); returns why it could not.</summary>
    public Func<JsonObject, IReadOnlyList<JsonObject>, IReadOnlyList<FieldViolation>> AssignOnCreate { get; init; } = static (_, _) => [];

    /// <summary>Extra printer columns for <c>kubectl get</c> (name, JSON path into the object, type).</summary>
    public IReadOnlyList<PrinterColumn> Columns { get; init; } = [];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The "plural.group" name kube-apiserver uses in messages (plain plural for the core group).</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The "Kind.group" name kube-apiserver uses in Invalid messages.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public string ListKind => Kind + "List";

    /// <summary>The path prefix of the group version: "api/v1" or "apis/group/version".</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
}
