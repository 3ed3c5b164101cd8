using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.E2ETests.Deploy;

/// <summary>The real standalone agent (<c>dotnet Multinet.Agent.dll</c>) with its HTTP port on a free loopback port.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private AgentProcess(Process process, Uri httpUrl)
    {
        _process = process;
        HttpUrl = httpUrl;
    }

    /// <summary>Its /healthz, /readyz and /metrics.</summary>
    public Uri HttpUrl { get; }

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
        var httpUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("KUBECONFIG");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Agent__HttpUrl"] = httpUrl.GetLeftPart(UriPartial.Authority);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var agent = new AgentProcess(process, httpUrl);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
