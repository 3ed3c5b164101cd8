using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Storage;

/// <summary>What a write decided to do with one object: store it, delete it, or nothing (a no-op update).</summary>
internal sealed record WriteIntent(WriteAction Action, JsonObject Object)
{
    public static WriteIntent Put(JsonObject value) => new(WriteAction.Put, value);

    public static WriteIntent Delete(JsonObject last) => new(WriteAction.Delete, last);

    public static WriteIntent NoOp(JsonObject current) => new(WriteAction.NoOp, current);
}
