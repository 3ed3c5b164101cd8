using Microsoft.AspNetCore.Builder;
using Multinet.Embedded;
using Multinet.UnitTests.KubeApi;

namespace Multinet.UnitTests.Embedded;

/// <summary>
/// The embedded cluster in-process without simulated nodes: its API on a data directory of the test's choosing (null:
/// a temporary one), the Node objects and the demo seeding as asked. Stops within a second: an in-flight watch
/// otherwise holds the host for its 30 s shutdown timeout.
/// </summary>
internal sealed class EmbeddedTestServer(bool seedDemo = false, string? dataDir = null) : KubeApiServer(new Dictionary<string, string?>
{
    ["Multinet:SimulatedNodes"] = "0",
    ["Multinet:SeedDemo"] = seedDemo ? "true" : "false",
    ["shutdownTimeoutSeconds"] = "1",
}, dataDir)
{
    protected override void AddServer(WebApplicationBuilder builder) =>
        builder.AddEmbeddedCluster(DataDir, "http://127.0.0.1:0"); // no console, no simulated nodes: nothing reports to it
}
