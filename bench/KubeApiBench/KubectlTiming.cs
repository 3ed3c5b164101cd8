using System.Diagnostics;

namespace Multinet.KubeApiBench;

/// <summary>Times one <c>kubectl get networks</c> end to end (process start, discovery from cache, request, printing).</summary>
internal static class KubectlTiming
{
    public static async Task<TimeSpan> GetNetworksAsync(string kubectl, string kubeconfig, string output, int expected, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "get", "networks", "--chunk-size=0" }.Concat(output == "table" ? ["--no-headers"] : ["-o", output]))
        {
            start.ArgumentList.Add(arg);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = stopwatch.Elapsed;
        var text = await stdout;
        var items = output == "table" ? text.Count(c => c == '\n') : text.Split("\"kind\": \"Network\"").Length - 1;
        return process.ExitCode == 0 && items >= expected
            ? elapsed
            : throw new InvalidOperationException($"kubectl get networks -o {output} printed {items} of {expected} items (exit {process.ExitCode}): {await stderr}");
    }
}
