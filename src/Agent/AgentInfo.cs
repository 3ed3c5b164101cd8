using System.Reflection;

namespace Multinet.Agent;

/// <summary>Facts about this build of the agent.</summary>
internal static class AgentInfo
{
    /// <summary>The informational version (without the source-revision suffix).</summary>
    public static string Version { get; } =
        typeof(AgentInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
