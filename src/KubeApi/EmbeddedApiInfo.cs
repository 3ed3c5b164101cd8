namespace Multinet.KubeApi;

/// <summary>How to reach the embedded API: a kubeconfig file for kubectl and clients, or its server URL and bearer token.</summary>
/// <param name="KubeconfigPath">The kubeconfig written for it (context, cluster and user are named <c>multinet</c>).</param>
/// <param name="ServerUrl">The API's base URL, e.g. <c>http://127.0.0.1:5080/k8s</c>.</param>
/// <param name="Token">The bearer token it accepts.</param>
public sealed record EmbeddedApiInfo(string KubeconfigPath, Uri ServerUrl, string Token);
