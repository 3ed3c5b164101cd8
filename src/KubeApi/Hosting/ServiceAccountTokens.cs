using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Multinet.KubeApi.Hosting;

/// <summary>
/// ServiceAccount tokens as kube-apiserver makes them (TokenRequest): JWTs signed with the API's own key (ES256, kept
/// owner-only in the data directory), naming the account (<c>system:serviceaccount:ns:name</c>, its uid), the audiences
/// and an expiry. <see cref="Read"/> checks signature, issuer, time and audience; the caller checks the account still exists.
/// </summary>
internal sealed class ServiceAccountTokens(IOptions<KubeApiOptions> options, TimeProvider time)
{
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";

    /// <summary>The API's own audiences: what a token is for when nobody names another.</summary>
    public static IReadOnlyList<string> ApiAudiences { get; } = [Issuer];

    private readonly Lazy<ECDsa> _key = new(() => LoadOrCreateKey(options.Value.DataPath("sa-signing-key.pem")));

    public string Issue(string ns, string name, string uid, IReadOnlyList<string> audiences, DateTimeOffset expires)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now,
            ["nbf"] = now,
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid },
            },
        };
        var signed = Base64Url("{\"alg\":\"ES256\",\"typ\":\"JWT\"}"u8) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signed + "." + Base64Url(_key.Value.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256));
    }

    /// <summary>The token's account (namespace, name, uid) and the audiences it is good for here; or why it is not valid.</summary>
    public (string Namespace, string Name, string Uid, IReadOnlyList<string> Audiences)? Read(string token, IReadOnlyList<string> wanted, out string? error)
    {
        error = "invalid bearer token";
        var parts = token.Split('.');
        if (parts.Length != 3 || FromBase64Url(parts[2]) is not { } signature
            || !_key.Value.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256)
            || FromBase64Url(parts[1]) is not { } json || JsonNode.Parse(json) is not JsonObject claims)
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if ((string?)claims["iss"] != Issuer || claims["exp"]?.GetValue<long>() is not { } exp || exp <= now || claims["nbf"]?.GetValue<long>() > now)
        {
            error = "invalid bearer token, service account token has expired";
            return null;
        }

        var audiences = claims["aud"] is JsonArray list ? list.Select(a => (string?)a ?? "").ToList() : [];
        var matched = audiences.Intersect(wanted.Count == 0 ? ApiAudiences : wanted, StringComparer.Ordinal).ToList();
        if (matched.Count == 0)
        {
            error = "invalid bearer token, token audiences don't match the requested audiences";
            return null;
        }

        var account = claims["kubernetes.io"]?["serviceaccount"];
        if ((string?)claims["kubernetes.io"]?["namespace"] is not { } ns || (string?)account?["name"] is not { } name || (string?)account?["uid"] is not { } uid)
        {
            return null;
        }

        error = null;
        return (ns, name, uid, matched);
    }

    private static ECDsa LoadOrCreateKey(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return key;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
