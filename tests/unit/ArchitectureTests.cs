using System.Reflection;
using System.Xml.Linq;

namespace Multinet.UnitTests;

/// <summary>
/// The layout of docs/ARCHITECTURE.md, checked twice: the project references each csproj declares, and the assemblies
/// each compiled project actually uses. Arrows point toward Shared; Web reaches the embedded cluster only through
/// Embedded, and never the agent or the API server directly.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, Assembly> s_assemblies = new()
    {
        ["Shared"] = typeof(Multinet.Shared.Crds.V3Network).Assembly,
        ["Kube"] = typeof(Multinet.Kube.IKubeconfigSource).Assembly,
        ["KubeApi"] = typeof(Multinet.KubeApi.EmbeddedApiInfo).Assembly,
        ["Agent"] = typeof(Multinet.Agent.AgentOptions).Assembly,
        ["Embedded"] = typeof(Multinet.Embedded.EmbeddedClusterOptions).Assembly,
        ["Web"] = typeof(Multinet.Web.Configuration.MultinetOptions).Assembly,
    };

    public static TheoryData<string, string[]> Allowed => new()
    {
        { "Shared", [] },
        { "Kube", ["Shared"] },
        { "KubeApi", ["Shared", "Kube"] },
        { "Agent", ["Shared", "Kube"] },
        { "Embedded", ["Shared", "Kube", "KubeApi", "Agent"] },
        { "Web", ["Shared", "Kube", "Embedded"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Assembly_UsesOnlyTheProjectsItMayDependOn(string project, string[] allowed)
    {
        var used = s_assemblies[project].GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(name => name.StartsWith("Multinet.", StringComparison.Ordinal))
            .Select(name => name["Multinet.".Length..])
            .ToList();

        Assert.Empty(used.Except(allowed));
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Project_DeclaresOnlyTheReferencesItMayHave(string project, string[] allowed)
    {
        var csproj = Path.Combine(RepositoryRoot(), "src", project, $"{project}.csproj");
        var declared = XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        Assert.Empty(declared.Except(allowed));
    }

    [Fact]
    public void EverySourceProject_IsCoveredByTheLayout()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Select(Path.GetFileName).Order();

        Assert.Equal(s_assemblies.Keys.Order(), projects);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Multinet.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Multinet.slnx above {AppContext.BaseDirectory}.");
    }
}
