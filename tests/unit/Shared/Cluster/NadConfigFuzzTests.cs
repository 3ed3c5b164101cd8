using System.Text.Json.Nodes;
using CsCheck;
using k8s.Models;
using Multinet.KubeApi.Resources;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Ipam;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Cluster;

/// <summary>
/// Generated NetworkAttachmentDefinition CNI configurations (<c>spec.config</c>): plugin lists and single plugins built
/// from the fields the readers look at, with values of every JSON type, and arbitrary text. Every reader of it (the
/// embedded API's admission, the console's and agents' projection, the IPAM's) answers each one without throwing, and
/// each refusal names <c>spec.config</c> or the field within it.
/// </summary>
public sealed class NadConfigFuzzTests
{
    private static readonly Gen<JsonNode?> s_plugin = Gen.Select(
        Gen.Frequency((3, Gen.OneOf<JsonNode?>("calico", "whereabouts", "macvlan", "")), (1, FuzzInputs.Json(1))),
        Gen.Frequency((2, Gen.Const<JsonNode?>((JsonNode?)null)), (2, FuzzInputs.Object(FuzzInputs.Json(1))), (1, FuzzInputs.Json(1))),
        Gen.Frequency((2, Gen.Const<JsonNode?>((JsonNode?)null)), (2, FuzzInputs.Object(FuzzInputs.Json(1))), (1, FuzzInputs.Json(2))),
        FuzzInputs.Object(FuzzInputs.Json(1)),
        (type, ipam, options, extra) =>
        {
            var plugin = extra?.AsObject() ?? [];
            plugin["type"] = type?.DeepClone();
            if (ipam is not null)
            {
                plugin["ipam"] = ipam.DeepClone();
            }

            if (options is not null)
            {
                plugin["dataplane_options"] = options.DeepClone();
            }

            return (JsonNode?)plugin;
        });

    private static readonly Gen<string> s_config = Gen.Frequency(
        (3, s_plugin.Select(p => p!.ToJsonString())),
        (3, Gen.Frequency((4, s_plugin), (1, FuzzInputs.Json(1))).Array[0, 4]
            .Select(plugins => new JsonObject { ["cniVersion"] = "0.3.1", ["plugins"] = new JsonArray(plugins.Select(p => p?.DeepClone()).ToArray()) }.ToJsonString())),
        (1, FuzzInputs.Json(3).Select(node => node?.ToJsonString() ?? "null")),
        (1, FuzzInputs.Text));

    [Fact]
    public void CniConfig_GeneratedConfigurations_EveryReaderAnswersWithoutThrowing_RefusalsNameSpecConfigOrAFieldInIt()
    {
        s_config.Fuzz(config =>
        {
            var nad = new V1NetworkAttachmentDefinition
            {
                Metadata = new V1ObjectMeta { Name = "fuzz", NamespaceProperty = "default" },
                Spec = new NetworkAttachmentDefinitionSpec { Config = config },
            };
            var projected = ClusterViewProjection.ToNad(nad);
            if (projected.ConfigError is { } projectionError)
            {
                Assert.StartsWith("spec.config", projectionError, StringComparison.Ordinal);
                Assert.Null(projected.NetworkName);
            }

            var (ipam, ipamError) = NadIpamConfig.Parse(config);
            if (ipam is null)
            {
                Assert.Matches(@"spec\.config|dataplane_options\.network_name|ipam", ipamError ?? "");
            }

            var candidate = new JsonObject { ["spec"] = new JsonObject { ["config"] = config } };
            var admission = NadAdmission.Validate(candidate);
            Assert.All(NadAdmission.NetworkNames(candidate), name => Assert.False(string.IsNullOrEmpty(name)));
            Assert.All(admission.Errors, e =>
            {
                Assert.StartsWith(NadAdmission.ConfigField, e.Field, StringComparison.Ordinal); // spec.config, or the field inside it
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            });
        });
    }
}
