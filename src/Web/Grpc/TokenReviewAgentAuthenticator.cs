using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using Multinet.Web.Cluster;
using Multinet.Web.Configuration;

namespace Multinet.Web.Grpc;

/// <summary>
/// Accepts an agent whose bearer token the Kubernetes API confirms (TokenReview) for the console's audience, issued to the
/// agents' ServiceAccount and bound to a pod; the agent may then report only for the node that pod runs on (read from the
/// pod, whose uid must match the token's).
/// </summary>
internal sealed class TokenReviewAgentAuthenticator(ClusterAccess access, IOptions<MultinetOptions> options) : IAgentAuthenticator
{
    internal const string PodNameExtra = "authentication.kubernetes.io/pod-name";
    internal const string PodUidExtra = "authentication.kubernetes.io/pod-uid";
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    public async Task<AgentIdentity> AuthenticateAsync(string? credential, CancellationToken cancellationToken)
    {
        var settings = options.Value.AgentAuth;
        if (string.IsNullOrEmpty(credential))
        {
            throw new AgentAuthenticationException(
                $"No credential: an agent must send \"authorization: Bearer <its ServiceAccount token for audience {settings.Audience}>\".");
        }

        var client = await access.GetClientAsync(cancellationToken);
        var review = await client.AuthenticationV1.CreateTokenReviewAsync(
            new V1TokenReview { Spec = new V1TokenReviewSpec { Token = credential, Audiences = [settings.Audience] } },
            cancellationToken: cancellationToken);
        var status = review.Status;
        if (status?.Authenticated != true)
        {
            var why = string.IsNullOrEmpty(status?.Error) ? "not authenticated" : status.Error;
            throw new AgentAuthenticationException($"The Kubernetes API refused the token for audience {settings.Audience}: {why}.");
        }

        var user = status.User?.Username ?? "";
        if (!string.Equals(user, settings.ServiceAccount, StringComparison.Ordinal))
        {
            throw new AgentAuthenticationException($"The token belongs to \"{user}\"; only {settings.ServiceAccount} may report.");
        }

        var podName = Extra(status.User, PodNameExtra)
            ?? throw new AgentAuthenticationException("The token is not bound to a pod: use the agent pod's projected token.");
        var podUid = Extra(status.User, PodUidExtra);
        var ns = user[ServiceAccountPrefix.Length..].Split(':')[0];
        var node = await NodeOfAsync(client, ns, podName, podUid, cancellationToken);
        return new AgentIdentity($"{user} (pod {ns}/{podName})", node, ExpiryOf(credential));
    }

    private static async Task<string> NodeOfAsync(IKubernetes client, string ns, string podName, string? podUid, CancellationToken cancellationToken)
    {
        V1Pod pod;
        try
        {
            pod = await client.CoreV1.ReadNamespacedPodAsync(podName, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new AgentAuthenticationException($"The token's pod {ns}/{podName} does not exist.");
        }

        if (podUid is not null && !string.Equals(pod.Metadata?.Uid, podUid, StringComparison.Ordinal))
        {
            throw new AgentAuthenticationException($"The token's pod {ns}/{podName} was replaced (uid {podUid} is gone).");
        }

        return pod.Spec?.NodeName is { Length: > 0 } node
            ? node
            : throw new AgentAuthenticationException($"The token's pod {ns}/{podName} is not scheduled to a node.");
    }

    private static string? Extra(V1UserInfo? user, string key) =>
        user?.Extra is { } extra && extra.TryGetValue(key, out var values) && values?.FirstOrDefault() is { Length: > 0 } value ? value : null;

    /// <summary>The token's exp claim (the API server has just verified the signature), or null when it has none.</summary>
    internal static DateTimeOffset? ExpiryOf(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
