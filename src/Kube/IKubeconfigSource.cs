namespace Multinet.Kube;

/// <summary>Where the console's kubeconfig comes from: a real cluster's file, or the one the embedded API writes once it listens.</summary>
public interface IKubeconfigSource
{
    Task<string> GetKubeconfigPathAsync(CancellationToken cancellationToken);
}
