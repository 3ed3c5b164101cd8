using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// The running kube-apiserver serving a port on this machine, found by its command line in /proc, and restarted as it was
/// started: the same binary, flags (so the same etcd, token file and certificates) and working directory, its output
/// appended to the same log, in a session of its own so it outlives the test. A <c>pids</c> file beside it naming the old
/// process (as start-kube-apiserver.sh writes) is updated. Linux only; <see cref="Find"/> says why when it cannot be done.
/// </summary>
internal sealed class KubeApiServerProcess
{
    private readonly string[] _commandLine;
    private readonly string _workingDirectory;
    private readonly string _log;
    private readonly int _port;
    private readonly string _token;

    private KubeApiServerProcess(int pid, string[] commandLine, string workingDirectory, string log, int port, string token)
    {
        Pid = pid;
        _commandLine = commandLine;
        _workingDirectory = workingDirectory;
        _log = log;
        _port = port;
        _token = token;
    }

    public int Pid { get; private set; }

    /// <summary>The kube-apiserver whose <c>--secure-port</c> is <paramref name="port"/>, or why it cannot be restarted from here.</summary>
    public static (KubeApiServerProcess? Server, string Why) Find(int port, string token)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return (null, "restarting the server needs Linux's /proc");
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).TrimEnd('\0').Split('\0');
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (args.Length == 0 || Path.GetFileName(args[0]) != "kube-apiserver" || !ServesPort(args, port))
            {
                continue;
            }

            var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
            var log = new FileInfo(Path.Combine(dir, "fd", "2")).LinkTarget;
            return cwd is null || log is null || !File.Exists(log)
                ? (null, $"kube-apiserver {pid} serves port {port}, but its working directory or log file cannot be read (run as its owner)")
                : (new KubeApiServerProcess(pid, args, cwd, log, port, token), "");
        }

        return (null, $"no kube-apiserver process serving port {port} is visible on this machine");
    }

    /// <summary>Stops the server (SIGTERM, waiting for it to exit), then starts it again and waits until it is ready.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var old = Process.GetProcessById(Pid);
        using (var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(cancellationToken);
        }

        await old.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Starts the server as it was started, unless it runs, and waits for its <c>/readyz</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists($"/proc/{Pid}"))
        {
            // setsid: a session of its own, so the server outlives this test run; sh opens the log for appending.
            var start = new ProcessStartInfo("setsid") { WorkingDirectory = _workingDirectory, UseShellExecute = false };
            foreach (var arg in new[] { "sh", "-c", "exec \"$@\" >>\"$KAS_LOG\" 2>&1 </dev/null", "sh" }.Concat(_commandLine))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["KAS_LOG"] = _log;
            using var started = Process.Start(start)!;
            var old = Pid;
            Pid = started.Id;
            var pids = Path.Combine(_workingDirectory, "pids");
            if (File.Exists(pids))
            {
                var lines = await File.ReadAllLinesAsync(pids, cancellationToken);
                await File.WriteAllLinesAsync(pids, lines.Select(l => l.Trim() == old.ToString(CultureInfo.InvariantCulture) ? Pid.ToString(CultureInfo.InvariantCulture) : l),
                    cancellationToken);
            }
        }

        await WaitReadyAsync(cancellationToken);
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true; // the test server's self-signed certificate, on loopback
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{_port}/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ceiling.CancelAfter(TimeSpan.FromMinutes(3)); // reached only on failure
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync("readyz", ceiling.Token);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ceiling.IsCancellationRequested)
            {
                // one slow answer
            }

            // /readyz is pull-only: the server announces nothing when it becomes ready, so it is asked again shortly.
            await Task.Delay(250, ceiling.Token);
        }
    }

    private static bool ServesPort(string[] args, int port)
    {
        var text = port.ToString(CultureInfo.InvariantCulture);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == $"--secure-port={text}" || (args[i] == "--secure-port" && i + 1 < args.Length && args[i + 1] == text))
            {
                return true;
            }
        }

        return false;
    }
}
