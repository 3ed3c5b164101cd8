using System.Runtime.CompilerServices;
using Multinet.Web.Telemetry;

namespace Multinet.UnitTests.Web.Telemetry;

/// <summary>
/// multinet.console.gc.live is what the last full collection found reachable: it grows with what the process keeps and
/// falls once that is let go and a full collection ran, whatever garbage younger collections leave behind.
/// </summary>
public sealed class LiveHeapGaugeTests
{
    private const int Size = 256 * 1024 * 1024;

    [Fact]
    public void TheLiveHeap_FollowsWhatIsReachableAtEachFullCollection()
    {
        var withIt = LiveWhileKept();

        FullCollection();
        var without = ConsoleMetrics.LiveHeapBytes();

        Assert.True(withIt >= Size, $"live with {Size:N0} bytes kept: {withIt:N0}");
        Assert.True(withIt - without >= Size * 3L / 4, $"live with the array {withIt:N0}, without it {without:N0}");
    }

    // Not inlined, so no slot of the test's own frame keeps the array once this returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long LiveWhileKept()
    {
        var array = new byte[Size];
        Array.Fill(array, (byte)1);
        FullCollection();
        var live = ConsoleMetrics.LiveHeapBytes();
        GC.KeepAlive(array);
        return live;
    }

    private static void FullCollection() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
}
