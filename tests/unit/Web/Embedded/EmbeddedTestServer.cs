using Multinet.UnitTests.Web.KubeApi;

namespace Multinet.UnitTests.Web.Embedded;

/// <summary>
/// The embedded API in-process, on a data directory of the test's choosing (null: a temporary one), with the demo
/// seeding as asked. Stops within a second: an in-flight watch otherwise holds the host for its 30 s shutdown timeout.
/// </summary>
internal sealed class EmbeddedTestServer(bool seedDemo = false, string? dataDir = null) : KubeApiServer(new Dictionary<string, string?>
{
    ["Multinet:SeedDemo"] = seedDemo ? "true" : "false",
    ["shutdownTimeoutSeconds"] = "1",
}, dataDir);
