using System.Text.Json.Nodes;
using Multinet.KubeApi.Http;

namespace Multinet.UnitTests.KubeApi;

public sealed class StrategicMergePatchTests
{
    private static readonly JsonObject s_pod = JsonNode.Parse("""
        {"metadata":{"name":"p","labels":{"a":"1"},"finalizers":["x"]},
         "spec":{"containers":[
           {"name":"app","image":"app:1","ports":[{"containerPort":80,"name":"http"}],"env":[{"name":"A","value":"1"}]},
           {"name":"side","image":"side:1"}]}}
        """)!.AsObject();

    [Fact]
    public void Apply_ContainerByName_MergesThatContainerOnly()
    {
        var patch = Obj("""{"spec":{"containers":[{"name":"app","image":"app:2","ports":[{"containerPort":443}]}]}}""");

        var result = StrategicMergePatch.Apply(s_pod, patch);

        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("app:2", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal([80, 443], containers[0]!["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<int>()));
        Assert.Equal("side:1", containers[1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_DeleteDirective_RemovesTheKeyedElement()
    {
        var patch = Obj("""{"$setElementOrder/containers":[{"name":"app"}],"spec":{"containers":[{"name":"side","$patch":"delete"}]}}""");

        var result = StrategicMergePatch.Apply(s_pod, patch);

        Assert.Equal(["app"], result["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_ReplaceDirectiveAndNull_ReplaceTheMapAndRemoveTheKey()
    {
        var patch = Obj("""{"metadata":{"labels":{"$patch":"replace","b":"2"},"finalizers":["y"]},"spec":{"containers":null}}""");

        var result = StrategicMergePatch.Apply(s_pod, patch);

        Assert.Equal("""{"b":"2"}""", result["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("""["x","y"]""", result["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Null(result["spec"]!["containers"]);
    }

    [Fact]
    public void Apply_ServicePorts_MergeByPort()
    {
        var service = Obj("""{"spec":{"ports":[{"port":80,"targetPort":9376},{"port":81}]}}""");

        var result = StrategicMergePatch.Apply(service, Obj("""{"spec":{"ports":[{"port":80,"targetPort":9377}]}}"""));

        Assert.Equal("""[{"port":80,"targetPort":9377},{"port":81}]""", result["spec"]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void JsonPatch_AddReplaceRemoveTest_ApplyInOrder()
    {
        var patch = JsonNode.Parse("""
            [{"op":"test","path":"/metadata/labels/a","value":"1"},
             {"op":"add","path":"/metadata/labels/b~1c","value":"2"},
             {"op":"replace","path":"/spec/containers/1/image","value":"side:2"},
             {"op":"remove","path":"/metadata/finalizers/0"},
             {"op":"add","path":"/spec/containers/-","value":{"name":"third"}}]
            """);

        var result = JsonPatch.Apply(s_pod, patch);

        Assert.Equal("2", result["metadata"]!["labels"]!["b/c"]!.GetValue<string>());
        Assert.Equal("side:2", result["spec"]!["containers"]![1]!["image"]!.GetValue<string>());
        Assert.Empty(result["metadata"]!["finalizers"]!.AsArray());
        Assert.Equal(3, result["spec"]!["containers"]!.AsArray().Count);
        Assert.Equal("1", s_pod["metadata"]!["labels"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void JsonPatch_FailedTest_Throws422()
    {
        var error = Assert.Throws<KubeApiException>(() =>
            JsonPatch.Apply(s_pod, JsonNode.Parse("""[{"op":"test","path":"/metadata/labels/a","value":"2"}]""")));

        Assert.Equal(422, error.Code);
        Assert.Contains("/metadata/labels/a", error.Message);
    }

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
