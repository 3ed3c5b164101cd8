using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_SameDataDir_KeepsObjectsTokenAndIncreasingResourceVersions()
    {
        var dataDir = Directory.CreateTempSubdirectory("multinet-restart-").FullName;
        try
        {
            string firstVersion;
            string firstToken;
            await using (var first = new RestartableServer(dataDir))
            {
                await first.InitializeAsync();
                var created = await NetworkJson.CreateAsync(first.Client, V3Network.Create("blue", 56, "172.19.0.0/16"), TestContext.Current.CancellationToken);
                firstVersion = created.Metadata.ResourceVersion;
                firstToken = first.Info.Token;
            }

            await using var second = new RestartableServer(dataDir);
            await second.InitializeAsync();
            var blue = await NetworkJson.GetAsync(second.Client, "blue", TestContext.Current.CancellationToken);
            var red = await NetworkJson.CreateAsync(second.Client, V3Network.Create("red", 88, "172.20.0.0/16"), TestContext.Current.CancellationToken);

            Assert.Equal(firstVersion, blue.Metadata.ResourceVersion);
            Assert.Equal(firstToken, second.Info.Token);
            Assert.True(long.Parse(red.Metadata.ResourceVersion) > long.Parse(firstVersion));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
