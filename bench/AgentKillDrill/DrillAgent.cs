using Multinet.TestSupport;

namespace Multinet.AgentKillDrill;

/// <summary>The agent of node-1 as its own process, driving the drill's VPP; started again after every kill.</summary>
internal sealed class DrillAgent(string dll, string apiSocket, string kubeconfig, string consoleUrl, string secretFile)
{
    private ChildProcess? _process;

    private string _lastOutput = "";

    /// <summary>What the running agent printed so far, else what the last one printed.</summary>
    public string LastOutput => _process?.Output ?? _lastOutput;

    public Task StartAsync()
    {
        _process = ChildProcess.Start("dotnet", [dll], new Dictionary<string, string>
        {
            ["Agent__NodeName"] = "node-1",
            ["Agent__Dataplane"] = "Vpp",
            ["Agent__VppApiSocket"] = apiSocket,
            ["Agent__Kubeconfig"] = kubeconfig,
            ["Agent__ConsoleUrl"] = consoleUrl,
            ["Agent__ConsoleTokenFile"] = secretFile,
            ["Agent__HttpUrl"] = "http://127.0.0.1:0",
            ["Agent__ResyncInterval"] = "00:00:10",
            ["Logging__Console__FormatterName"] = "simple",
        });
        return Task.CompletedTask;
    }

    /// <summary>SIGKILL; a no-op when it is not running.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            await process.DisposeAsync();
            _lastOutput = process.Output;
            _process = null;
        }
    }
}
