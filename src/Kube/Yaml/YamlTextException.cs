namespace Multinet.Kube.Yaml;

/// <summary>A YAML text that could not be read, with the line and column (1-based) where it went wrong.</summary>
public sealed class YamlTextException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
