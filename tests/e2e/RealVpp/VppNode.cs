using System.Diagnostics;
using System.Text;

namespace Multinet.E2ETests.RealVpp;

/// <summary>
/// One real VPP (built by the real-VPP build script: <c>MULTINET_VPP_BUILD</c> names its output directory) running as a
/// process of this test: 4K pages, no DPDK, its binary API, CLI and stats sockets in its own directory, the plugins the
/// agent uses. Stopped by killing the process it started; <see cref="RestartAsync"/> kills it and starts it again on the
/// same sockets, as a crash and a restart by its supervisor would.
/// </summary>
internal sealed class VppNode : IAsyncDisposable
{
    private readonly string _build;
    private Process? _process;

    private VppNode(string build, string directory, string name)
    {
        _build = build;
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    /// <summary>The last lines VPP printed (a crash prints its backtrace there), and whether it is still running.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return $"(exited: {_process?.HasExited})\n" + string.Join("\n", _output);
            }
        }
    }

    private readonly Queue<string> _output = new();

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 60)
            {
                _output.Dequeue();
            }
        }
    }

    public string Name { get; }

    public string ApiSocket => Path.Combine(Directory, "api.sock");

    public string CliSocket => Path.Combine(Directory, "cli.sock");

    public string StatsSocket => Path.Combine(Directory, "stats.sock");

    public static async Task<VppNode> StartAsync(string build, string directory, string name, CancellationToken cancellationToken)
    {
        var node = new VppNode(build, directory, name);
        await node.StartProcessAsync(cancellationToken);
        return node;
    }

    /// <summary>Runs one vppctl command and returns what it printed.</summary>
    public async Task<string> CliAsync(string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(_build, "build", "bin", "vppctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(CliSocket);
        start.ArgumentList.Add(command); // one argument: vppctl passes it to the CLI as typed (braces included)

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return await output + await error;
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        await StartProcessAsync(cancellationToken);
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "run"));
        var plugins = System.IO.Directory.GetDirectories(Path.Combine(_build, "build", "lib"), "vpp_plugins", SearchOption.AllDirectories)
            .First(d => File.Exists(Path.Combine(d, "memif_plugin.so")));
        var config = new StringBuilder()
            .AppendLine($"unix {{ nodaemon cli-listen {CliSocket} log {Path.Combine(Directory, "vpp.log")} runtime-dir {Path.Combine(Directory, "run")} }}")
            .AppendLine($"socksvr {{ socket-name {ApiSocket} }}")
            .AppendLine($"api-segment {{ prefix {Name} }}")
            .AppendLine("memory { main-heap-size 256M main-heap-page-size 4K }")
            .AppendLine("buffers { buffers-per-numa 16384 page-size 4K }")
            .AppendLine($"statseg {{ size 32M page-size 4K socket-name {StatsSocket} }}")
            .AppendLine("cpu { main-core 0 }")
            .AppendLine($"plugins {{ path {plugins} plugin default {{ disable }}")
            .AppendLine("  plugin memif_plugin.so { enable } plugin acl_plugin.so { enable } plugin vxlan_plugin.so { enable }")
            .AppendLine("  plugin tap_plugin.so { enable } plugin cnat_plugin.so { enable } plugin ping_plugin.so { enable } }");
        var configPath = Path.Combine(Directory, "startup.conf");
        await File.WriteAllTextAsync(configPath, config.ToString(), cancellationToken);
        File.Delete(ApiSocket);
        File.Delete(CliSocket);

        var start = new ProcessStartInfo(Path.Combine(_build, "build", "bin", "vpp"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configPath);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Up once its API socket exists and its CLI answers; a Debug build takes a few seconds on a busy machine. VPP
        // announces neither on its output, so asking its CLI again is the only way to see it: every 250 ms, with a ceiling
        // of 5 minutes reached only when VPP does not start.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        while (!(File.Exists(ApiSocket) && (await CliAsync("show version", timeout.Token)).StartsWith("vpp ", StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"VPP {Name} exited with code {_process.ExitCode}; see {Path.Combine(Directory, "vpp.log")}.");
            }

            await Task.Delay(250, timeout.Token);
        }
    }
}
