namespace Multinet.KubeApi.Apply;

/// <summary>One managedFields entry: who (manager), how (Apply or Update), and the leaf paths it owns.</summary>
internal sealed record FieldManagerEntry(string Manager, string Operation, string ApiVersion, string Time, HashSet<string> Fields);
