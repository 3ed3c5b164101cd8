using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Multinet.KubeApiBench;

/// <summary>
/// A real kube-apiserver named by its admin kubeconfig (server and bearer token, as start-kube-apiserver.sh writes it):
/// the Network CRD is installed with kubectl and the bench's Networks are created there too, for side-by-side figures.
/// </summary>
internal static partial class RealApiServer
{
    public static HttpClient CreateClient(string kubeconfig)
    {
        var text = File.ReadAllText(kubeconfig);
        var server = ServerLine().Match(text) is { Success: true } s ? s.Groups[1].Value : throw new InvalidOperationException($"No server in {kubeconfig}");
        var token = TokenLine().Match(text) is { Success: true } t ? t.Groups[1].Value : throw new InvalidOperationException($"No token in {kubeconfig}");
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue };

        // The test server's self-signed certificate, on loopback only.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var client = new HttpClient(handler) { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Installs the Network CRD from deploy/ and waits until it is established.</summary>
    public static async Task InstallCrdAsync(string kubectl, string kubeconfig, string repositoryRoot, CancellationToken cancellationToken)
    {
        var crd = Path.Combine(repositoryRoot, "deploy", "base", "crds", "networks.projectcalico.org.yaml");
        await RunAsync(kubectl, ["--kubeconfig", kubeconfig, "apply", "-f", crd], cancellationToken);
        await RunAsync(kubectl, ["--kubeconfig", kubeconfig, "wait", "--for=condition=Established", "--timeout=120s", "crd/networks.projectcalico.org"], cancellationToken);
    }

    private static async Task RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)}: {await stderr}");
        }
    }

    [GeneratedRegex("server:\\s*\"?([^\"\\s}]+)\"?")]
    private static partial Regex ServerLine();

    [GeneratedRegex("token:\\s*\"?([^\"\\s}]+)\"?")]
    private static partial Regex TokenLine();
}
