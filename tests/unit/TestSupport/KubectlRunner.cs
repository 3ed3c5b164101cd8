using System.Diagnostics;

namespace Multinet.UnitTests.TestSupport;

/// <summary>The real kubectl (<c>/usr/bin/kubectl</c>) against a kubeconfig, with its exit code, stdout and stderr; optional stdin.</summary>
internal sealed class KubectlRunner(string kubeconfigPath)
{
    public const string Binary = "/usr/bin/kubectl";

    private readonly string _cacheDir = Directory.CreateTempSubdirectory("multinet-kubectl-cache-").FullName;

    public static bool Available => File.Exists(Binary);

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stdin, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("KUBECONFIG");
        foreach (var arg in new[] { "--kubeconfig", kubeconfigPath, "--cache-dir", _cacheDir }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
