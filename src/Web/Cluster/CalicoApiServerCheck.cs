using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Options;
using Multinet.Shared.Crds;
using Multinet.Web.Configuration;

namespace Multinet.Web.Cluster;

/// <summary>
/// At start with a real cluster: when projectcalico.org/v3 is served by an aggregated API (the Calico API server's
/// APIService v3.projectcalico.org), that server answers for the whole group version and the networks.projectcalico.org
/// CRD is not reachable. Says so plainly, once, instead of leaving the console with an empty list of Networks and
/// "kind not served" retries.
/// </summary>
internal sealed partial class CalicoApiServerCheck(ClusterAccess access, IOptions<MultinetOptions> options, ILogger<CalicoApiServerCheck> logger)
    : BackgroundService
{
    public const string ApiServiceName = CrdConstants.NetworkVersion + "." + CrdConstants.NetworkGroup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsEmbedded)
        {
            return;
        }

        try
        {
            var client = await access.GetClientAsync(stoppingToken);
            var service = await client.ApiregistrationV1.ReadAPIServiceAsync(ApiServiceName, cancellationToken: stoppingToken);
            if (service.Spec?.Service is { } backend)
            {
                LogAggregated(ApiServiceName, backend.NamespaceProperty, backend.Name, CrdConstants.NetworkPlural + "." + CrdConstants.NetworkGroup);
            }
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // No APIService for the group version: the CRD serves it, as deploy/ expects.
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            LogNotAllowed(ApiServiceName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCheckFailed(ex, ApiServiceName);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "projectcalico.org/v3 is served by an aggregated API server (APIService {ApiService} → service {Namespace}/{Service}, "
        + "the Calico API server): it answers for the whole group version, so the {Crd} CRD that Multinet installs is not served and Networks can be "
        + "neither listed nor created. Multinet needs projectcalico.org/v3 Networks from its CRD: use a cluster without the Calico API server, "
        + "or one whose Calico API server serves Networks. See \"Install on a cluster\" in the README.")]
    private partial void LogAggregated(string apiService, string @namespace, string service, string crd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check APIService {ApiService} (forbidden): grant get on it (deploy/base/rbac/console.yaml does).")]
    private partial void LogNotAllowed(string apiService);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check whether APIService {ApiService} hides the Network CRD.")]
    private partial void LogCheckFailed(Exception exception, string apiService);
}
