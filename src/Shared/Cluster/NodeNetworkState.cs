using System.Text.Json.Serialization;

namespace Multinet.Shared.Cluster;

/// <summary>
/// What one agent reports about one Network on its node, in the Node annotation
/// <c>multinet.projectcalico.org/network-state</c>: the generation it worked on, <see cref="NodeNetworkStates"/> state and error.
/// </summary>
public sealed record NodeNetworkState(
    [property: JsonPropertyName("generation")] long? Generation,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);
