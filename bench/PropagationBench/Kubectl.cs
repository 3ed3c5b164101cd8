using System.Diagnostics;

namespace Multinet.PropagationBench;

/// <summary>The real kubectl: <c>kubectl apply -f -</c> of one manifest, returning when kubectl exits (the API acknowledged it).</summary>
internal static class Kubectl
{
    public static async Task ApplyAsync(string kubectl, string kubeconfig, string manifest, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "apply", "-f", "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(manifest);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl apply failed: {await stderr}");
        }
    }
}
