using Grpc.Core;

namespace Multinet.Agent.Reporting;

/// <summary>
/// The credential the agent presents on its stream, as <c>authorization: Bearer …</c>: <see cref="AgentOptions.ConsoleToken"/>,
/// else the content of <see cref="AgentOptions.ConsoleTokenFile"/> read at every connect (a projected ServiceAccount
/// token is rotated by the kubelet), else none.
/// </summary>
internal static class ConsoleCredential
{
    public static Metadata Headers(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var headers = new Metadata();
        if (Read(options) is { } credential)
        {
            headers.Add("authorization", "Bearer " + credential);
        }

        return headers;
    }

    private static string? Read(AgentOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConsoleToken))
        {
            return options.ConsoleToken.Trim();
        }

        if (string.IsNullOrWhiteSpace(options.ConsoleTokenFile))
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(options.ConsoleTokenFile).Trim();
            return text.Length > 0
                ? text
                : throw new InvalidOperationException($"Agent:ConsoleTokenFile \"{options.ConsoleTokenFile}\" is empty.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Agent:ConsoleTokenFile \"{options.ConsoleTokenFile}\" cannot be read: {ex.Message}", ex);
        }
    }
}
