using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Http;

/// <summary>A failure the API reports as a Kubernetes Status object; nothing has been written when it is thrown.</summary>
internal sealed class KubeApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => KubeStatus.Failure(Code, Reason, Message, Details?.DeepClone().AsObject());
}
