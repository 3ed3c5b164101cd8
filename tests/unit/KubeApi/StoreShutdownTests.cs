using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;

namespace Multinet.UnitTests.KubeApi;

/// <summary>
/// The host disposes the store on shutdown while a request it stopped waiting for may still be writing: that write
/// must commit (it is about to be acknowledged) before the database closes, and later writes must fail cleanly.
/// </summary>
public sealed class StoreShutdownTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dispose_DuringAWrite_WaitsForItsCommit_ThenRefusesLaterWrites()
    {
        await using var server = new KubeApiServer();
        await server.InitializeAsync();
        var store = server.Services.GetRequiredService<ObjectStore>();
        await store.EnsureInitializedAsync(Token);
        using var deciding = new SemaphoreSlim(0);
        using var gate = new SemaphoreSlim(0);

        var write = Task.Run(() => store.WriteAsync(BuiltInResources.Networks, "", "in-flight", (_, _) =>
        {
            deciding.Release();
            gate.Wait(Token); // the write is under way when the host shuts the store
            return WriteIntent.Put(Network("in-flight"));
        }, dryRun: false, Token), Token);
        await deciding.WaitAsync(Token);
        var dispose = Task.Run(store.Dispose, Token);
        var disposedMeanwhile = dispose.IsCompleted;
        gate.Release();
        await write;
        await dispose;

        Assert.False(disposedMeanwhile); // the database stays open for the write in flight
        Assert.Equal(["in-flight"], await StoredNamesAsync(server.DataDir));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(BuiltInResources.Networks, "", "late",
            (_, _) => WriteIntent.Put(Network("late")), dryRun: false, Token));
    }

    private static JsonObject Network(string name) => new()
    {
        ["apiVersion"] = "projectcalico.org/v3",
        ["kind"] = "Network",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["vni"] = KubeApiServer.NextVni(), ["range"] = "10.77.0.0/16" },
    };

    private static async Task<List<string>> StoredNamesAsync(string dataDir)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "kube-api.db")};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name" FROM "Objects" WHERE "Plural" = 'networks'""";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
