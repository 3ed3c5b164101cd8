namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>cli_inband</c>: runs one debug CLI command; <c>cli_inband_reply</c> carries its output as <c>reply</c>.</summary>
internal sealed record CliInband(string Command) : IVppRequest
{
    public string MessageName => "cli_inband";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["cmd"] = Command };
}
