using System.Diagnostics;
using System.Reflection;
using System.Text;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Deploy;

/// <summary>
/// The real standalone agent (<c>dotnet Multinet.Agent.dll</c>) with its HTTP port on loopback port 0: the agent binds a
/// free port itself and logs it ("Now listening on: …"), which <see cref="HttpUrlAsync"/> reads.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private AgentProcess(Process process) => _process = process;

    /// <summary>Where its /healthz, /readyz and /metrics are: the address it bound, once it says so.</summary>
    public async Task<Uri> HttpUrlAsync(CancellationToken cancellationToken)
    {
        const string Marker = "Now listening on:";
        await WaitForOutputAsync(Marker, cancellationToken);
        var line = Output.Split('\n').First(l => l.Contains(Marker, StringComparison.Ordinal));
        return new Uri(line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim());
    }

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

    /// <summary>Starts the agent with <paramref name="environment"/> (Agent__* settings) added to an environment without KUBECONFIG.</summary>
    public static AgentProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = typeof(AgentProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(WebProcess.RepositoryRoot, "src", "Agent", "bin", configuration, "net10.0", "Multinet.Agent.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("KUBECONFIG");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Agent__HttpUrl"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var agent = new AgentProcess(process);
        process.OutputDataReceived += (_, e) => agent.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => agent.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }

    /// <summary>Completes when the agent has written a line containing <paramref name="text"/> (at once if it already has).</summary>
    public Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((text, seen));
            return seen.Task.WaitAsync(cancellationToken);
        }
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                foreach (var awaited in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
                {
                    awaited.Seen.TrySetResult();
                    _awaited.Remove(awaited);
                }
            }
        }
    }
}
