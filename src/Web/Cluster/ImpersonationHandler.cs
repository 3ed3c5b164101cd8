namespace Multinet.Web.Cluster;

/// <summary>Sends every request of a client as <paramref name="actor"/>: Kubernetes authorizes and audits the person, not the console.</summary>
internal sealed class ImpersonationHandler(WriteActor actor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove("Impersonate-User");
        request.Headers.Remove("Impersonate-Group");
        request.Headers.TryAddWithoutValidation("Impersonate-User", actor.UserName);
        request.Headers.TryAddWithoutValidation("Impersonate-Group", actor.Group);
        return base.SendAsync(request, cancellationToken);
    }
}
