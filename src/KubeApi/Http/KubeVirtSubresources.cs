using System.Text.Json;
using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;
using Multinet.Shared.Crds;

namespace Multinet.KubeApi.Http;

/// <summary>
/// KubeVirt's <c>start</c>, <c>stop</c> and <c>restart</c> of a VirtualMachine, as virt-api serves them under
/// <c>PUT /apis/subresources.kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}/{action}</c>: 202 with no body,
/// or KubeVirt's errors. A Halted VM starts by its run strategy becoming Always (or <c>running: true</c>), an Always or
/// Once VM stops by becoming Halted (<c>running: false</c>); Manual and RerunOnFailure VMs, and every restart, get
/// <c>status.stateChangeRequests</c> (Stop with the VMI's uid, then Start), which the virt-controller carries out.
/// </summary>
internal sealed class KubeVirtSubresources(ObjectStore store)
{
    public const string Group = "subresources.kubevirt.io";
    public const string Version = "v1";
    public static readonly string[] Actions = ["start", "stop", "restart"];

    private const string NotRunning = "VM is not running";

    public async Task HandleAsync(HttpContext context, string ns, string name, string action, CancellationToken cancellationToken)
    {
        var options = await ReadOptionsAsync(context, cancellationToken);
        var dryRun = options["dryRun"] is JsonArray dry && dry.Any(d => d?.GetValueKind() == JsonValueKind.String && (string?)d == "All");
        if (action == "restart" && options["gracePeriodSeconds"] is JsonValue grace && grace.TryGetValue<long>(out var seconds) && seconds != 0)
        {
            throw KubeStatus.BadRequest(seconds > 0 ? "For force restart, only gracePeriod=0 is supported for now" : "gracePeriod has to be greater or equal to 0");
        }

        var vms = KubeVirtResources.VirtualMachines;
        await store.WriteAsync(vms, ns, name, (current, _) =>
        {
            if (current is null)
            {
                throw new KubeApiException(404, "NotFound", $"virtualmachine.kubevirt.io \"{name}\" not found", Details(name));
            }

            var vmi = store.Get(KubeVirtResources.VirtualMachineInstances, ns, name);
            var vmiPhase = (string?)vmi?["status"]?["phase"] ?? "";
            var vmiFinal = vmiPhase is "Succeeded" or "Failed";
            var vmiUid = (string?)vmi?["metadata"]?["uid"];
            var candidate = current.DeepClone().AsObject();
            var strategy = RunStrategy(candidate);
            switch (action)
            {
                case "start":
                    if (vmi is not null && !vmiFinal && vmiPhase is not ("" or "Unknown"))
                    {
                        throw Conflict(name, "VM is already running");
                    }

                    switch (strategy)
                    {
                        case "Halted":
                            SetRunning(candidate, true);
                            break;
                        case "RerunOnFailure" when vmiPhase == "Failed":
                            throw Conflict(name, "RerunOnFailure does not support starting VM from failed state");
                        case "RerunOnFailure" or "Manual":
                            Request(candidate, name, vmi is not null && (vmiFinal || strategy == "RerunOnFailure" && vmiPhase == "Succeeded")
                                ? [Change("Stop", vmiUid), Change("Start", null)]
                                : [Change("Start", null)]);
                            break;
                        default:
                            throw Conflict(name, $"{strategy} does not support manual start requests");
                    }

                    break;
                case "stop":
                    switch (strategy)
                    {
                        case "Always" or "Once":
                            SetRunning(candidate, false);
                            break;
                        case "Halted" when vmi is null || vmiFinal:
                            throw Conflict(name, NotRunning);
                        case "Halted" when options["gracePeriod"] is null:
                            throw Conflict(name, "Halted only supports manual stop requests with a shorter graceperiod");
                        case "Manual" or "RerunOnFailure" when vmi is null || vmiFinal:
                            throw Conflict(name, NotRunning);
                        default:
                            Request(candidate, name, [Change("Stop", vmiUid)]);
                            break;
                    }

                    break;
                default:
                    if (strategy is "Halted" or "Once")
                    {
                        throw Conflict(name, $"RunStategy {strategy} does not support manual restart requests"); // sic, as KubeVirt words it
                    }

                    if (vmi is null)
                    {
                        throw Conflict(name, $"{NotRunning}: Halted");
                    }

                    Request(candidate, name, [Change("Stop", vmiUid), Change("Start", null)]);
                    break;
            }

            return WriteIntent.Put(candidate);
        }, dryRun, cancellationToken);

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>The discovery document of subresources.kubevirt.io/v1: the VM actions served here, as virt-api lists them (name and scope only).</summary>
    public static JsonObject ResourceList() => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = $"{Group}/{Version}",
        ["resources"] = new JsonArray(Actions.Select(a => (JsonNode)new JsonObject { ["name"] = $"{KubeVirtConstants.VmPlural}/{a}", ["namespaced"] = true, ["kind"] = "" })
            .ToArray()),
    };

    public static JsonObject GroupDocument()
    {
        JsonObject Version() => new() { ["groupVersion"] = $"{Group}/{KubeVirtSubresources.Version}", ["version"] = KubeVirtSubresources.Version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = Group,
            ["versions"] = new JsonArray(Version()),
            ["preferredVersion"] = Version(),
        };
    }

    /// <summary>KubeVirt's RunStrategy(): running true/false is Always/Halted, else runStrategy, else Halted.</summary>
    private static string RunStrategy(JsonObject vm) =>
        vm["spec"]?["running"] is JsonValue running && running.TryGetValue<bool>(out var on) ? (on ? "Always" : "Halted")
        : vm["spec"]?["runStrategy"] is JsonValue strategy && strategy.TryGetValue<string>(out var s) ? s
        : "Halted";

    private static void SetRunning(JsonObject vm, bool running)
    {
        var spec = (JsonObject)vm["spec"]!;
        if (spec["runStrategy"] is not null)
        {
            spec["runStrategy"] = running ? "Always" : "Halted";
        }
        else
        {
            spec["running"] = running;
        }

        var metadata = (JsonObject)vm["metadata"]!;
        metadata["generation"] = (metadata["generation"]?.GetValue<long>() ?? 1) + 1;
    }

    /// <summary>KubeVirt's getChangeRequestJson: requests are added when none are pending, a lone Stop replaces them, else the request fails.</summary>
    private static void Request(JsonObject vm, string name, JsonObject[] changes)
    {
        if (vm["status"] is not JsonObject status)
        {
            status = [];
            vm["status"] = status;
        }

        if (status["stateChangeRequests"] is JsonArray { Count: > 0 } && !(changes is [var only] && (string?)only["action"] == "Stop"))
        {
            throw new KubeApiException(500, "InternalError", "Internal error occurred: unable to complete request: stop/start already underway", Details(name));
        }

        status["stateChangeRequests"] = new JsonArray([.. changes]);
    }

    private static JsonObject Change(string action, string? uid)
    {
        var change = new JsonObject { ["action"] = action };
        if (uid is not null)
        {
            change["uid"] = uid;
        }

        return change;
    }

    private static KubeApiException Conflict(string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on virtualmachine.kubevirt.io \"{name}\": {why}", Details(name));

    private static JsonObject Details(string name) => new() { ["name"] = name, ["group"] = KubeVirtConstants.Group, ["kind"] = "virtualmachine" };

    /// <summary>The optional StartOptions / StopOptions / RestartOptions body; one that is not a JSON object is a 400 as virt-api answers it.</summary>
    private static async Task<JsonObject> ReadOptionsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var text = await KubeHttp.ReadTextAsync(context, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("the body is not an object");
        }
        catch (JsonException ex)
        {
            throw KubeStatus.BadRequest($"Can not unmarshal Request body to struct, error: {ex.Message}");
        }
    }
}
