using System.Globalization;
using System.Xml.Linq;
using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

/// <summary>The static SVG the prerendered /topology page shows until the graph has drawn: the graph's picture, in SVG.</summary>
public sealed class TopologySvgTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    private static XElement Svg(IReadOnlyDictionary<string, TopologyElement> graph)
    {
        var html = TopologySvg.Render(graph.Values);
        var start = html.IndexOf("<svg", StringComparison.Ordinal);
        return XElement.Parse(html[start..html.LastIndexOf("</div>", StringComparison.Ordinal)]);
    }

    private static XElement Drawn(XElement svg, string id) =>
        svg.Descendants().Single(e => (string?)e.Attribute("data-id") == id);

    private static double D(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Aggregate_EveryHostAndNetworkAtItsPositionInItsColours_EveryVrfBetweenTheirCentres()
    {
        var graph = TopologyGraph.Build(TopologyStates.Mesh(3, "blue", "red"), TopologyQuery.Default);
        var svg = Svg(graph);

        foreach (var host in graph.Values.Where(e => e.Kind == TopologyElementKind.Host))
        {
            var body = Drawn(svg, host.Id).Element(s_svg + "rect")!;
            Assert.Equal(host.X - 48, D(body, "x"), 2);
            Assert.Equal(host.Y - 18, D(body, "y"), 2);
            Assert.Equal("#37474f", (string?)body.Attribute("fill"));
            Assert.Equal("#43a047", (string?)body.Attribute("stroke"));
            Assert.Contains(host.Label.Split('\n')[0], Drawn(svg, host.Id).Value, StringComparison.Ordinal);
        }

        var blue = graph[TopologyIds.Network("blue")];
        var hexagon = Drawn(svg, blue.Id).Element(s_svg + "polygon")!;
        Assert.Equal(blue.Color, (string?)hexagon.Attribute("fill"));
        Assert.Contains(FormattableString.Invariant($"{blue.X + 22},{blue.Y}"), (string)hexagon.Attribute("points")!, StringComparison.Ordinal);

        var vrfs = graph.Values.Where(e => e.Kind == TopologyElementKind.Vrf).ToList();
        Assert.Equal(vrfs.Count, svg.Elements(s_svg + "line").Count());
        var vrf = vrfs[0];
        var line = Drawn(svg, vrf.Id);
        Assert.Equal((graph[vrf.Source!].X, graph[vrf.Target!].X), (D(line, "x1"), D(line, "x2")));
        Assert.Equal("0.45", (string?)line.Attribute("opacity"));
        // Edges first, nodes over them, as the graph draws them.
        Assert.Equal("line", svg.Elements().First(e => e.Name != s_svg + "style").Name.LocalName);
    }

    [Fact]
    public void TunnelDownAndMissing_DrawnRedAndDashedOrange_DegradedNetworkBorderedRed()
    {
        var graph = TopologyGraph.Build(TopologyStates.Mesh(3, "blue", "red").WithTunnel("node-001", "blue", "node-002", up: false),
            TopologyQuery.Parse(null, "blue", null, null, null, null, null, null));
        var svg = Svg(graph);

        var down = graph.Values.Single(e => e.Kind == TopologyElementKind.Tunnel && e.Classes.Contains("down", StringComparison.Ordinal));
        Assert.Equal(("#d50000", "6"), ((string)Drawn(svg, down.Id).Attribute("stroke")!, (string)Drawn(svg, down.Id).Attribute("stroke-width")!));
        var up = graph.Values.First(e => e.Kind == TopologyElementKind.Tunnel && e.Classes == "tunnel up");
        Assert.Equal((graph[TopologyIds.Network("blue")].Color, "3"), ((string)Drawn(svg, up.Id).Attribute("stroke")!, (string)Drawn(svg, up.Id).Attribute("stroke-width")!));
        var network = Drawn(svg, TopologyIds.Network("blue")).Element(s_svg + "polygon")!;
        Assert.Equal("#d50000", (string?)network.Attribute("stroke"));

        var missing = new TopologyElement("t", TopologyElementKind.Tunnel, "") { Source = "a", Target = "b", Classes = "tunnel missing" };
        Assert.Equal(new TopologySvgStyle.EdgeLook("#607d8b", 4, 1, "6 3") with { Color = "#ff6d00" }, TopologySvgStyle.Edge(missing));
    }

    [Fact]
    public void ViewBox_FitsTheNodesBodies_LabelsShownOnlyWhereTheBoxMakesThemAtLeastSixPixels()
    {
        var a = new TopologyElement("node:a", TopologyElementKind.Host, "a") { Classes = "host ready", X = 0, Y = 0 };
        var b = new TopologyElement("node:b", TopologyElementKind.Host, "b") { Classes = "host ready", X = 1000, Y = 500 };
        var html = TopologySvg.Render([a, b]);

        // Bodies 96 × 36 with a 3 px border: from (−49.5, −19.5) to (1049.5, 519.5).
        Assert.Contains("viewBox=\"-49.5 -19.5 1099 539\"", html, StringComparison.Ordinal);
        // 11 px text reaches 6 px at a scale of 6/11: a box of 1099 × 6/11 by 539 × 6/11 px.
        Assert.Contains("@container topology-svg (min-width: 599.45px) and (min-height: 294px) { .topology-svg .f11 { visibility: visible; } }", html, StringComparison.Ordinal);
        Assert.Contains("max-width: 4396px; max-height: 2156px", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileLabelsAndColours_AreEscaped_NeverMarkup()
    {
        var evil = new TopologyElement("net:<x>", TopologyElementKind.Network, "<script>alert(1)</script>")
        {
            Classes = "network",
            Color = "red\" onload=\"alert(1)",
        };
        var html = TopologySvg.Render([evil]);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onload", html, StringComparison.Ordinal);
        Assert.Contains("fill=\"#607d8b\"", html, StringComparison.Ordinal);
        Assert.Contains("data-id=\"net:&lt;x&gt;\"", html, StringComparison.Ordinal);
        Assert.Empty(TopologySvg.Render([]));
    }
}
