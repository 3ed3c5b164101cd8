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

    public async Task<KubectlResult> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        using var process = Process.Start(Start(args))!;
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
