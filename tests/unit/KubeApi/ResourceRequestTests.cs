using Multinet.KubeApi.Http;
using Multinet.KubeApi.Resources;

namespace Multinet.UnitTests.KubeApi;

public sealed class ResourceRequestTests
{
    private static readonly ResourceDescriptor s_pods = new()
    {
        Group = "", Version = "v1", Plural = "pods", Singular = "pod", Kind = "Pod", Namespaced = true,
    };

    private static readonly ResourceRegistry s_registry = new([.. BuiltInResources.All, s_pods]);

    [Theory]
    [InlineData("", "v1", "namespaces", "namespaces", null, null, null)]
    [InlineData("", "v1", "namespaces/default", "namespaces", null, "default", null)]
    [InlineData("", "v1", "namespaces/default/status", "namespaces", null, "default", "status")]
    [InlineData("", "v1", "namespaces/default/pods", "pods", "default", null, null)]
    [InlineData("", "v1", "namespaces/default/pods/web-0", "pods", "default", "web-0", null)]
    [InlineData("", "v1", "pods", "pods", null, null, null)]
    [InlineData("projectcalico.org", "v3", "networks/blue", "networks", null, "blue", null)]
    [InlineData("projectcalico.org", "v3", "networks/blue/status", "networks", null, "blue", "status")]
    public void Parse_KnownPaths_IdentifyResourceNamespaceNameAndSubresource(
        string group, string version, string path, string plural, string? ns, string? name, string? subresource)
    {
        var request = ResourceRequest.Parse(s_registry, group, version, path.Split('/'));

        Assert.NotNull(request);
        Assert.Equal((plural, ns, name, subresource), (request.Resource.Plural, request.Namespace, request.Name, request.Subresource));
    }

    [Theory]
    [InlineData("", "v1", "secrets")]
    [InlineData("", "v1", "pods/web-0")]
    [InlineData("projectcalico.org", "v1", "networks")]
    [InlineData("projectcalico.org", "v3", "networks/blue/status/extra")]
    public void Parse_UnknownPaths_AreNull(string group, string version, string path)
    {
        Assert.Null(ResourceRequest.Parse(s_registry, group, version, path.Split('/')));
    }
}
