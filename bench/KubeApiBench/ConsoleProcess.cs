using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;

namespace Multinet.KubeApiBench;

/// <summary>The console (Multinet.Web.dll from the build output) on loopback with a temporary data directory.</summary>
internal sealed class ConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ConsoleProcess(Process process, string dataDir, Uri apiBase, string kubeconfigPath)
    {
        _process = process;
        DataDir = dataDir;
        ApiBase = apiBase;
        KubeconfigPath = kubeconfigPath;
    }

    public string DataDir { get; }

    /// <summary>The API over the console's plain-HTTP port: http://127.0.0.1:port/k8s/.</summary>
    public Uri ApiBase { get; }

    public string KubeconfigPath { get; }

    public static async Task<ConsoleProcess> StartAsync(CancellationToken cancellationToken)
    {
        var configuration = typeof(ConsoleProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Multinet.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new DirectoryNotFoundException("Multinet.slnx not found above the bench.");
        }

        var dll = Path.Combine(root, "src", "Web", "bin", configuration, "net10.0", "Multinet.Web.dll");
        var dataDir = Directory.CreateTempSubdirectory("multinet-bench-").FullName;
        var http = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--urls", http, "--Multinet:GrpcUrl", $"http://127.0.0.1:{FreePort()}", "--Multinet:DataDir", dataDir,
            "--Multinet:SimulatedNodes", "0", "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Multinet.Web.KubeApi.Hosting", "Information" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("KUBECONFIG");
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            var at = line.IndexOf("kubeconfig written to ", StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
                return new(process, dataDir, new Uri(http + "/k8s/"), line[(at + "kubeconfig written to ".Length)..].Trim());
            }
        }

        throw new InvalidOperationException("The console exited before writing its kubeconfig.");
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = ApiBase, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(DataDir, "api-token")).Trim());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
