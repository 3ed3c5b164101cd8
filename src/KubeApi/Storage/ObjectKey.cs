namespace Multinet.KubeApi.Storage;

/// <summary>Identifies a stored object; <see cref="Namespace"/> is empty for cluster-scoped kinds.</summary>
internal readonly record struct ObjectKey(string Group, string Plural, string Namespace, string Name);
