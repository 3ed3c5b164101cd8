namespace Multinet.KubeApi.Resources;

/// <summary>The kinds the embedded API serves; more are added by registering more descriptors.</summary>
internal sealed class ResourceRegistry(IEnumerable<ResourceDescriptor> descriptors)
{
    public IReadOnlyList<ResourceDescriptor> All { get; } = descriptors.ToList();

    public ResourceDescriptor? Find(string group, string version, string plural) =>
        All.FirstOrDefault(d => d.Group == group && d.Version == version && d.Plural == plural);

    /// <summary>Group versions, core first, in registration order.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions() =>
        All.Select(d => (d.Group, d.Version)).Distinct().OrderBy(gv => gv.Group.Length == 0 ? 0 : 1);

    public IEnumerable<ResourceDescriptor> InGroupVersion(string group, string version) =>
        All.Where(d => d.Group == group && d.Version == version);
}
