using System.Diagnostics;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>Runs a real kubectl binary against a kubeconfig, with its own discovery cache directory.</summary>
public sealed class Kubectl(string binary, string kubeconfigPath, string cacheDir)
{
    /// <summary>Every kubectl on this machine: the Cloud SDK's versioned binaries and /usr/bin/kubectl.</summary>
    public static TheoryData<string> Binaries()
    {
        var data = new TheoryData<string>();
        const string sdk = "/usr/lib/google-cloud-sdk/bin";
        if (Directory.Exists(sdk))
        {
            foreach (var path in Directory.GetFiles(sdk, "kubectl.1.*").Order(StringComparer.Ordinal))
            {
                data.Add(path);
            }
        }

        if (File.Exists("/usr/bin/kubectl"))
        {
            data.Add("/usr/bin/kubectl");
        }

        return data;
    }

    public string Binary { get; } = binary;

    /// <summary>A DNS-label-safe name for the binary's version: "1-27" for kubectl.1.27, "default" for plain kubectl.</summary>
    public string VersionLabel => Path.GetFileName(Binary) is var file && file.StartsWith("kubectl.", StringComparison.Ordinal)
        ? file["kubectl.".Length..].Replace('.', '-')
        : "default";

    public Task<KubectlResult> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken) => RunAsync(args, null, cancellationToken);

    /// <summary>Runs kubectl with extra environment variables (e.g. a scripted EDITOR for <c>kubectl edit</c>).</summary>
    public async Task<KubectlResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = Start(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public Task<KubectlResult> RunAsync(CancellationToken cancellationToken, params string[] args) => RunAsync(args, cancellationToken);

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>) whose stdout the caller reads; dispose to kill it.</summary>
    public Process StartBackground(params string[] args) => Process.Start(Start(args))!;

    private ProcessStartInfo Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("KUBECONFIG");
        foreach (var arg in new[] { "--kubeconfig", kubeconfigPath, "--cache-dir", cacheDir }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
