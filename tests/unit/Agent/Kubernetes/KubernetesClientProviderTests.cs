using Microsoft.Extensions.Options;
using Multinet.Agent;
using Multinet.Agent.Kubernetes;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Kubernetes;

/// <summary>
/// The agent's Kubernetes client is built from its kubeconfig on first use without holding a thread while the file is
/// read: the console runs twenty agents in-process, and each one blocking a pool thread on that read starved the
/// console at start-up (every pool thread parked on a read that needed a pool thread to finish).
/// </summary>
[Collection(nameof(ThreadPoolLimitCollection))]
public sealed class KubernetesClientProviderTests : IDisposable
{
    /// <summary>A ceiling reached only on failure: the builds take milliseconds; a blocked pool never finishes them.</summary>
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("multinet-kubeconfig-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task GetClientAsync_BuildsTheClientFromTheKubeconfigOnce()
    {
        using var provider = Provider(Kubeconfig("https://127.0.0.1:6443"));

        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetClientAsync(Token).AsTask()));

        Assert.Equal(new Uri("https://127.0.0.1:6443/"), clients[0].BaseUri);
        Assert.All(clients, c => Assert.Same(clients[0], c));
    }

    [Fact]
    public async Task GetClientAsync_TriesAgainAfterAMissingKubeconfig()
    {
        var path = Path.Combine(_dir.FullName, "later");
        using var provider = Provider(path);

        await Assert.ThrowsAnyAsync<Exception>(async () => await provider.GetClientAsync(Token));
        File.Move(Kubeconfig("https://127.0.0.1:6444"), path);

        Assert.Equal(new Uri("https://127.0.0.1:6444/"), (await provider.GetClientAsync(Token)).BaseUri);
    }

    [Fact]
    public async Task GetClientAsync_CompletesWhenEveryPoolThreadIsACaller()
    {
        // As many callers as the capped pool has threads, each on a pool thread as the in-process agents' start-up is.
        // A build that blocks its caller until the file is read parks them all, and the read then never gets a thread.
        var callers = Environment.ProcessorCount + 1;
        var path = Kubeconfig("https://127.0.0.1:6445");
        var providers = Enumerable.Range(0, callers).Select(_ => Provider(path)).ToList();
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        Task<k8s.IKubernetes[]> all;
        bool finished;
        try
        {
            Assert.True(ThreadPool.SetMinThreads(Environment.ProcessorCount, minIo));
            Assert.True(ThreadPool.SetMaxThreads(callers, maxIo));
            all = Task.WhenAll(providers.Select(p => Task.Run(() => p.GetClientAsync(Token).AsTask(), Token)));

            // Waited for on this thread with a kernel wait: a timeout scheduled on the starved pool would never fire.
            using var done = new ManualResetEventSlim();
            _ = all.ContinueWith(_ => done.Set(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            finished = done.Wait(s_ceiling, Token);
        }
        finally
        {
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }

        Assert.True(finished, $"{callers} callers on a pool capped at {callers} threads did not get their clients within {s_ceiling}.");
        Assert.All(await all, c => Assert.Equal(new Uri("https://127.0.0.1:6445/"), c.BaseUri));
        providers.ForEach(p => p.Dispose());
    }

    private static KubernetesClientProvider Provider(string kubeconfig) =>
        new(Options.Create(new AgentOptions { NodeName = "node-1", Kubeconfig = kubeconfig }));

    private string Kubeconfig(string server)
    {
        var path = Path.Combine(_dir.FullName, $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: {server}
                insecure-skip-tls-verify: true
            users:
            - name: u
              user:
                token: not-a-secret
            contexts:
            - name: x
              context:
                cluster: c
                user: u
            current-context: x
            """);
        return path;
    }
}
