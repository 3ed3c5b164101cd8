using System.Diagnostics;
using System.Text;
using Multinet.TestSupport;

namespace Multinet.AgentKillDrill;

/// <summary>One VPP of the build (4K pages, no DPDK, the agent's plugins), its sockets in the drill's directory; killed on dispose.</summary>
internal sealed class DrillVpp : IAsyncDisposable
{
    private readonly string _vppctl;
    private readonly ChildProcess _process;

    private DrillVpp(string build, string directory, ChildProcess process)
    {
        _vppctl = Path.Combine(build, "build", "bin", "vppctl");
        Directory = directory;
        _process = process;
    }

    public string Directory { get; }

    public string ApiSocket => Path.Combine(Directory, "api.sock");

    public string CliSocket => Path.Combine(Directory, "cli.sock");

    public string Version { get; private set; } = "";

    public static async Task<DrillVpp> StartAsync(string build, string directory, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "run"));
        var plugins = System.IO.Directory.GetDirectories(Path.Combine(build, "build", "lib"), "vpp_plugins", SearchOption.AllDirectories)
            .First(d => File.Exists(Path.Combine(d, "memif_plugin.so")));
        var config = new StringBuilder()
            .AppendLine($"unix {{ nodaemon cli-listen {Path.Combine(directory, "cli.sock")} log {Path.Combine(directory, "vpp.log")} runtime-dir {Path.Combine(directory, "run")} }}")
            .AppendLine($"socksvr {{ socket-name {Path.Combine(directory, "api.sock")} }}")
            .AppendLine("api-segment { prefix mnkilldrill }")
            .AppendLine("memory { main-heap-size 256M main-heap-page-size 4K }")
            .AppendLine("buffers { buffers-per-numa 16384 page-size 4K }")
            .AppendLine($"statseg {{ size 32M page-size 4K socket-name {Path.Combine(directory, "stats.sock")} }}")
            .AppendLine("cpu { main-core 0 }")
            .AppendLine($"plugins {{ path {plugins} plugin default {{ disable }}")
            .AppendLine("  plugin memif_plugin.so { enable } plugin acl_plugin.so { enable } plugin vxlan_plugin.so { enable }")
            .AppendLine("  plugin tap_plugin.so { enable } plugin cnat_plugin.so { enable } plugin ping_plugin.so { enable } }");
        var configPath = Path.Combine(directory, "startup.conf");
        await File.WriteAllTextAsync(configPath, config.ToString(), cancellationToken);
        var vpp = new DrillVpp(build, directory, ChildProcess.Start(Path.Combine(build, "build", "bin", "vpp"), ["-c", configPath]));
        var until = Stopwatch.StartNew();
        while (!(File.Exists(vpp.ApiSocket) && (vpp.Version = await vpp.CliAsync("show version", cancellationToken)).StartsWith("vpp ", StringComparison.Ordinal)))
        {
            if (vpp._process.HasExited || until.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"VPP did not start; see {Path.Combine(directory, "vpp.log")}:\n{vpp._process.Output}");
            }

            await Task.Delay(250, cancellationToken);
        }

        vpp.Version = vpp.Version.Trim();
        return vpp;
    }

    public async Task<string> CliAsync(string command, CancellationToken cancellationToken) =>
        (await ChildProcess.RunAsync(_vppctl, ["-s", CliSocket, command], cancellationToken)).Output;

    public Task<VppCensus> CensusAsync(CancellationToken cancellationToken) => VppCensus.ReadAsync(_vppctl, CliSocket, cancellationToken);

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
