using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Multinet.KubeApi.Storage;

namespace Multinet.UnitTests.KubeApi;

/// <summary>
/// What an acknowledged write rests on: the embedded API's SQLite store runs in WAL mode with <c>synchronous=FULL</c>
/// (2), so a commit is in the log on disk before the API answers, and survives a crash of the process or of the machine.
/// </summary>
public sealed class StoreDurabilityTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    [Fact]
    public async Task Store_ConnectionsRunWalWithFullSynchronous()
    {
        var token = TestContext.Current.CancellationToken;
        await server.Services.GetRequiredService<ObjectStore>().EnsureInitializedAsync(token);
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<KubeApiDbContext>>().CreateDbContextAsync(token);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(token);
        async Task<object?> PragmaAsync(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return await command.ExecuteScalarAsync(token);
        }

        Assert.Equal("wal", await PragmaAsync("journal_mode"));
        Assert.Equal(2L, await PragmaAsync("synchronous"));
    }
}
