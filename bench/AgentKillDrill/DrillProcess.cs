using System.Diagnostics;
using System.Text;

namespace Multinet.AgentKillDrill;

/// <summary>A child process of the drill with its output kept; <see cref="KillAsync"/> sends SIGKILL (Process.Kill on Linux).</summary>
internal sealed class DrillProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DrillProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static DrillProcess Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("KUBECONFIG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new DrillProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end: (exit code, stdout + stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        await using var child = Start(file, args);
        await child._process.WaitForExitAsync(cancellationToken);
        await Task.Yield();
        return (child._process.ExitCode, child.Output);
    }

    /// <summary>Waits until a line of output matches; the text after <paramref name="marker"/> on that line.</summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan ceiling, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + ceiling;
        while (DateTime.UtcNow < until)
        {
            var line = Output.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before \"{marker}\":\n{Output}");
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"No \"{marker}\" within {ceiling}:\n{Output}");
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
