using System.Text.Json;

namespace Multinet.UnitTests.Web.Configuration;

/// <summary>
/// The runtime settings the console's memory depends on, as the build writes them for the console process
/// (Multinet.Web.runtimeconfig.json, copied beside this assembly): at 10,000 pods the server GC the Web SDK picks by
/// default kept hundreds of MiB committed beyond the live heap (bench/console-scale.sh).
/// </summary>
public sealed class WebRuntimeConfigTests
{
    private static readonly JsonElement s_settings = Load();

    [Fact]
    public void TheConsoleRunsTheWorkstationGc_Concurrent()
    {
        Assert.False(s_settings.GetProperty("System.GC.Server").GetBoolean(), "the console runs the server GC");
        Assert.True(s_settings.GetProperty("System.GC.Concurrent").GetBoolean());
    }

    [Fact]
    public void TheGcCompactsAFragmentedOldGeneration()
    {
        Assert.Equal(5, s_settings.GetProperty("System.GC.ConserveMemory").GetInt32());
    }

    [Fact]
    public void NoInstrumentedTierKeepsAThirdCopyOfHotMethods()
    {
        Assert.False(s_settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Multinet.Web.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
