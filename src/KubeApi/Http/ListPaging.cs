using System.Buffers.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using Multinet.KubeApi.Storage;

namespace Multinet.KubeApi.Http;

/// <summary>
/// <c>limit</c> and <c>continue</c> on lists, as kube-apiserver pages them: items come in namespace/name order, a page
/// ends with an opaque continue token naming the last key served, and <c>remainingItemCount</c> says how many are left.
/// Unlike etcd's snapshot reads, later pages read the current objects after that key: an object created or removed
/// between pages shows up or goes missing, as it would on a fresh list.
/// </summary>
internal static class ListPaging
{
    public static (IReadOnlyList<MemoryObject> Page, string? Continue, long? Remaining) Apply(IReadOnlyList<MemoryObject> items, string? limit,
        string? continueToken, long revision)
    {
        var start = continueToken is { Length: > 0 } token ? DecodeStart(token) : null;
        var after = start is null ? items : items.SkipWhile(i => string.CompareOrdinal(i.ListKey, start) <= 0).ToList();
        if (string.IsNullOrEmpty(limit))
        {
            return (after, null, null);
        }

        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            // kube-apiserver treats a non-positive limit as "no limit"; a limit that is not a number is a bad request.
            return int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? (after, null, null)
                : throw KubeStatus.BadRequest($"limit: invalid value \"{limit}\": must be a whole number");
        }

        var page = after.Take(size).ToList();
        var remaining = after.Count - page.Count;
        return remaining > 0 ? (page, Encode(revision, page[^1].ListKey), remaining) : (page, null, null);
    }

    private static string Encode(long revision, string start) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = revision, ["start"] = start }.ToJsonString()));

    private static string DecodeStart(string token)
    {
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)));
            return json?["start"]?.GetValue<string>() ?? throw new FormatException("no start key");
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw KubeStatus.BadRequest($"continue: invalid value \"{token}\": not a continue token from this server");
        }
    }
}
