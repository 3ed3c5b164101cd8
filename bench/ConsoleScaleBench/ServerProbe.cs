using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Multinet.ConsoleScaleBench;

/// <summary>
/// The server's side of a page load, without a browser: a signed-in GET of a page's HTML (median of several), an
/// anonymous static file's GET for comparison (no authentication, no Razor), and the scripts and styles the page names,
/// with their size as sent to a browser that accepts Brotli and gzip, their encoding and their cache header.
/// </summary>
internal static partial class ServerProbe
{
    public static async Task<IReadOnlyList<(string Name, string Value)>> RunAsync(Uri baseUrl, CookieContainer session, CancellationToken cancellationToken)
    {
        var figures = new List<(string, string)>();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = session, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseUrl,
        };
        browser.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        var html = "";
        foreach (var path in new[] { "services", "pods", "nodes", "favicon.svg" })
        {
            var took = new List<double>();
            for (var i = 0; i < 9; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                using var response = await browser.GetAsync(path, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                took.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (path == "services")
                {
                    html = body;
                }

                if (i == 0 && response.Headers.Contains("Set-Cookie"))
                {
                    figures.Add(($"GET /{path}: response sets a cookie", string.Join(" ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split('=')[0]))));
                }
            }

            took.Sort();
            figures.Add(($"GET /{path} (signed in, median of 9)", $"{took[4]:0.0} ms (min {took[0]:0.0})"));
        }

        foreach (Match asset in AssetPattern().Matches(html))
        {
            var path = asset.Groups["path"].Value;
            using var response = await browser.GetAsync(path, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var encoding = string.Join(",", response.Content.Headers.ContentEncoding) is { Length: > 0 } e ? e : "identity";
            var cache = response.Headers.CacheControl?.ToString() ?? "none";
            figures.Add(($"asset {path.Split('?')[0]}", $"{bytes.Length / 1024.0:0.0} KiB sent ({encoding}), Cache-Control: {cache}"));
        }

        return figures;
    }

    [GeneratedRegex("""(?:src|href)="(?<path>[^"]+\.(?:js|css)[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AssetPattern();
}
