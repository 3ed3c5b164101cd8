using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>
/// The real console process (<c>dotnet Multinet.Web.dll</c> from the solution's build output) on 127.0.0.1 and a temporary
/// data directory, in embedded mode (KUBECONFIG removed from its environment). It binds port 0 for its UI and its agents'
/// gRPC endpoint, so the kernel picks free ports as it binds and nothing can take them in between; the harness reads the
/// ports bound from its "Console listening on …" line. Ready once it has logged that line and the kubeconfig it wrote (or,
/// without the embedded API, that line alone: it is logged once the application has started). Disposing kills it and
/// deletes the data directory. Its first admin's password is a random one passed through the environment (or, with
/// <c>generatedAdminPassword</c>, the console makes its own one-time password); <see cref="SessionAsync"/> signs in
/// through the sign-in form once and shares that session's cookie with every client the tests make.
/// </summary>
public sealed partial class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<(Uri Ui, Uri Grpc)> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];
    private readonly bool _waitForKubeconfig;
    private bool _ownsDataDir = true;
    private Task<CookieContainer>? _session;

    private WebProcess(Process process, string dataDir, bool waitForKubeconfig)
    {
        _process = process;
        DataDir = dataDir;
        _waitForKubeconfig = waitForKubeconfig;
    }

    /// <summary>The console's UI address (HTTP/1.1), e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The agents' HTTP/2-only gRPC address.</summary>
    public Uri GrpcUrl { get; private set; } = null!;

    public string DataDir { get; }

    /// <summary>The first admin ("admin")'s password, or null when the console made a one-time password itself.</summary>
    public string? AdminPassword { get; private init; }

    /// <summary>The console's process id (for its CPU time and memory under /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The kubeconfig the embedded API wrote (null when the process runs against a real cluster).</summary>
    public string? KubeconfigPath { get; private set; }

    /// <summary>Everything the process wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// How long a start may take before it counts as failed: the console says it is ready (the line above) as soon as it
    /// is, so this ceiling only bounds a console that never starts; a busy 2-core machine has needed well over a minute.
    /// </summary>
    public static TimeSpan StartCeiling { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The repository root (the directory holding Multinet.slnx), found upwards from the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// Starts the console. <paramref name="extraArgs"/> are appended to the command line (later values win, e.g.
    /// <c>--Multinet:SimulatedNodes 3</c>; the demo workload is off unless <c>--Multinet:SeedDemo true</c> is passed); <paramref name="environment"/> adds or, with a null value, removes variables.
    /// With <paramref name="dataDir"/> the console runs on that directory (e.g. a restart after a crash) and leaves it
    /// in place when disposed; otherwise it gets a temporary one, deleted on dispose. A restart on a data directory whose
    /// admin already exists passes that console's <paramref name="adminPassword"/>: the first admin is made only once.
    /// The start is awaited up to <see cref="StartCeiling"/>, reached only when the console fails to start.
    /// </summary>
    public static async Task<WebProcess> StartAsync(IEnumerable<string>? extraArgs = null, IReadOnlyDictionary<string, string?>? environment = null,
        bool waitForKubeconfig = true, CancellationToken cancellationToken = default, string? dataDir = null, bool generatedAdminPassword = false,
        string? adminPassword = null)
    {
        var dll = Path.Combine(WebOutputDirectory(), "Multinet.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the solution first (dotnet build).", dll);
        }

        var ownsDataDir = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("multinet-e2e-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            dll, "--urls", "http://127.0.0.1:0", "--Multinet:GrpcUrl", "http://127.0.0.1:0",
            "--Multinet:DataDir", dataDir, "--Multinet:SimulatedNodes", "0",
            "--Multinet:SeedDemo", "false",
        }.Concat(extraArgs ?? []).Concat(["--Logging:LogLevel:Multinet.Web.Configuration.ListenAddressLog", "Information"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("KUBECONFIG");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in RuntimeEnvironment())
        {
            start.Environment[name] = value;
        }

        adminPassword ??= generatedAdminPassword ? null : RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 24);
        if (adminPassword is not null)
        {
            start.Environment["Multinet__Auth__InitialAdminPassword"] = adminPassword;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var web = new WebProcess(process, dataDir, waitForKubeconfig) { _ownsDataDir = ownsDataDir, AdminPassword = adminPassword };
        process.OutputDataReceived += (_, e) => web.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => web.OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            var exited = new InvalidOperationException($"Multinet.Web exited with code {process.ExitCode} before it was ready:\n{web.Output}");
            web._ready.TrySetException(exited);
            web._listening.TrySetException(exited);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartCeiling);
            (web.BaseUrl, web.GrpcUrl) = await web._listening.Task.WaitAsync(timeout.Token);
            web.KubeconfigPath = await web._ready.Task.WaitAsync(timeout.Token);
            return web;
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
    }

    /// <summary>The admin's session (its cookie), made once through the sign-in form and shared by every client of this console.</summary>
    public Task<CookieContainer> SessionAsync(CancellationToken cancellationToken) => _session ??= SignInAsync(cancellationToken);

    /// <summary>An HTTP client of the console's UI port in the admin's session.</summary>
    public async Task<HttpClient> HttpClientAsync(CancellationToken cancellationToken) =>
        new(new HttpClientHandler { CookieContainer = await SessionAsync(cancellationToken) }) { BaseAddress = BaseUrl };

    /// <summary>The admin's session cookie, e.g. for a browser context.</summary>
    public async Task<Cookie> SessionCookieAsync(CancellationToken cancellationToken) =>
        (await SessionAsync(cancellationToken)).GetCookies(BaseUrl).Single(c => c.Name == "multinet.session");

    /// <summary>Posts the sign-in form as a browser does: its antiforgery token, then the user name and password.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string user, string password, CancellationToken cancellationToken)
    {
        var form = await browser.GetStringAsync("/login", cancellationToken);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        return await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["UserName"] = user, ["Password"] = password,
        }), cancellationToken);
    }

    private async Task<CookieContainer> SignInAsync(CancellationToken cancellationToken)
    {
        var password = AdminPassword ?? throw new InvalidOperationException("This console made its own one-time password: sign in as a person would.");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
        using var response = await PostSignInAsync(browser, "admin", password, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(BaseUrl).All(c => c.Name != "multinet.session"))
        {
            throw new InvalidOperationException($"Signing in as admin failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return cookies;
    }

    /// <summary>
    /// Completes when the console has written a line containing <paramref name="text"/> (at once if it already has), or
    /// fails with its output once <paramref name="ceiling"/> passes (reached only on failure).
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan ceiling, CancellationToken cancellationToken)
    {
        Task seen;
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            var awaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((text, awaited));
            seen = awaited.Task;
        }

        try
        {
            await seen.WaitAsync(ceiling, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The console did not write \"{text}\" within {ceiling.TotalSeconds:0} s:\n{Output}");
        }
    }

    /// <summary>Kills the process with SIGKILL, as a crash or an OOM kill would: no shutdown code runs.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill();
        await _process.WaitForExitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        finally
        {
            _process.Dispose();
            try
            {
                if (_ownsDataDir)
                {
                    Directory.Delete(DataDir, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var awaited in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                awaited.Seen.TrySetResult();
                _awaited.Remove(awaited);
            }
        }

        if (ListeningLine().Match(line) is { Success: true } listening)
        {
            // The first UI address (the harness passes one) and the gateway's, both as bound.
            _listening.TrySetResult((new Uri(listening.Groups[1].Value.Split(',')[0].Trim()), new Uri(listening.Groups[2].Value.Trim())));
            if (!_waitForKubeconfig)
            {
                _ready.TrySetResult(null);
            }
        }
        else if (_waitForKubeconfig && KubeconfigLine().Match(line) is { Success: true } match)
        {
            _ready.TrySetResult(match.Groups[1].Value.Trim());
        }
    }

    private static string WebOutputDirectory()
    {
        var configuration = typeof(WebProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(RepositoryRoot, "src", "Web", "bin", configuration, "net10.0");
    }

    /// <summary>
    /// The runtime environment the console runs with, as <c>dotnet run</c> gives it and its container image sets it (the C
    /// heap's arenas, the GC's young generation): src/Web/Properties/launchSettings.json's variables, without the
    /// Development environment name.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> RuntimeEnvironment()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Web", "Properties", "launchSettings.json")));
        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            foreach (var variable in profile.Value.GetProperty("environmentVariables").EnumerateObject())
            {
                if (variable.Name != "ASPNETCORE_ENVIRONMENT")
                {
                    yield return (variable.Name, variable.Value.GetString()!);
                }
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Multinet.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Multinet.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("Console listening on (.+); agents' gRPC endpoint on (\\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex("kubeconfig written to (.+)$")]
    private static partial Regex KubeconfigLine();
}
