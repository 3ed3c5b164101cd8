using System.Diagnostics;
using System.Text;

namespace Multinet.TestSupport;

/// <summary>
/// A process a test or drill starts (a console, an agent, VPP, a pod's memif endpoint, kubectl), its stdout and stderr
/// kept for assertions and failure messages. KUBECONFIG is removed from its environment (children get their cluster
/// explicitly, never the developer's). <see cref="KillAsync"/> sends SIGKILL, as a crash or an OOM kill would.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Marker, TaskCompletionSource<string> Seen)> _awaited = [];

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
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

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("KUBECONFIG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // the output read to its end: a marker in the last lines still counts
            child.FailWaiters();
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end: (exit code, stdout + stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        await using var child = Start(fileName, arguments);
        await child._process.WaitForExitAsync(cancellationToken); // also waits for the redirected streams to end
        return (child._process.ExitCode, child.Output);
    }

    /// <summary>
    /// The rest of the first line of output containing <paramref name="marker"/>, after it, as soon as the process writes
    /// it (at once if it already has); fails when the process exits first or once <paramref name="ceiling"/> passes
    /// (reached only on failure).
    /// </summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan ceiling, CancellationToken cancellationToken)
    {
        Task<string> seen;
        lock (_output)
        {
            if (LineAfter(_output.ToString().Split('\n'), marker) is { } found)
            {
                return found;
            }

            var awaited = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((marker, awaited));
            seen = awaited.Task;
        }

        if (_process.HasExited)
        {
            await _process.WaitForExitAsync(cancellationToken);
            FailWaiters();
        }

        try
        {
            return await seen.WaitAsync(ceiling, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No \"{marker}\" within {ceiling}:\n{Output}");
        }
    }

    /// <summary>SIGKILL (to the process alone, or its whole tree), then waits for it to be gone.</summary>
    public async Task KillAsync(bool entireProcessTree = true)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string? LineAfter(IEnumerable<string> lines, string marker) =>
        lines.FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim()
            : null;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var awaited in _awaited.Where(a => line.Contains(a.Marker, StringComparison.Ordinal)).ToList())
            {
                awaited.Seen.TrySetResult(LineAfter([line], awaited.Marker)!);
                _awaited.Remove(awaited);
            }
        }
    }

    private void FailWaiters()
    {
        lock (_output)
        {
            foreach (var awaited in _awaited)
            {
                awaited.Seen.TrySetException(new InvalidOperationException(
                    $"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before \"{awaited.Marker}\":\n{_output}"));
            }

            _awaited.Clear();
        }
    }
}
