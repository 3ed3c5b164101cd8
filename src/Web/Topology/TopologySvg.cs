using System.Globalization;
using System.Net;
using System.Text;

namespace Multinet.Web.Topology;

/// <summary>
/// The graph as a static SVG, drawn into the prerendered page so the picture shows as soon as the HTML is painted,
/// before any script runs: every node at its position in the shape, size and colours the graph's style gives it
/// (wwwroot/js/topology.js), every edge as a straight line in its colour, width, opacity and dash. The SVG fits the
/// nodes in its box with the canvas's padding, as the graph's fit does; the graph, when it takes over, copies the
/// SVG's scale and offset so the two line up. Labels show only where the graph would draw them (text of at least
/// <see cref="MinLabelPixels"/> on screen), decided by container queries on the box's size.
/// </summary>
internal static class TopologySvg
{
    /// <summary>The graph's <c>minLabelPixels</c>: labels smaller than this on screen are not drawn.</summary>
    public const double MinLabelPixels = 6;

    /// <summary>The graph's <c>maxZoom</c>: the SVG is never drawn larger than the graph may zoom in.</summary>
    public const double MaxZoom = 4;

    public static string Render(IEnumerable<TopologyElement> elements)
    {
        var all = elements.ToList();
        var nodes = all.Where(e => !e.IsEdge).Select(e => (Element: e, Look: TopologySvgStyle.Node(e))).ToList();
        if (nodes.Count == 0)
        {
            return "";
        }

        var at = nodes.ToDictionary(n => n.Element.Id, n => (n.Element.X, n.Element.Y));
        // The nodes' bodies, borders included: what the SVG fits in its box (and the graph then shows at the same scale).
        var x1 = nodes.Min(n => n.Element.X - (n.Look.Width / 2) - (n.Look.BorderWidth / 2));
        var x2 = nodes.Max(n => n.Element.X + (n.Look.Width / 2) + (n.Look.BorderWidth / 2));
        var y1 = nodes.Min(n => n.Element.Y - (n.Look.Height / 2) - (n.Look.BorderWidth / 2));
        var y2 = nodes.Max(n => n.Element.Y + (n.Look.Height / 2) + (n.Look.BorderWidth / 2));
        double w = Math.Max(x2 - x1, 1), h = Math.Max(y2 - y1, 1);

        var svg = new StringBuilder(256 + (all.Count * 160));
        svg.Append("<div class=\"topology-svg\" data-testid=\"topology-svg\" data-x=\"").Append(N(x1)).Append("\" data-y=\"").Append(N(y1))
            .Append("\" data-w=\"").Append(N(w)).Append("\" data-h=\"").Append(N(h)).Append("\"><style>");
        // A label shows when its size on screen (font size × scale) reaches the minimum; the scale is the smaller of the
        // box's width over the drawing's and its height over the drawing's, so each font size shows above a box size.
        foreach (var size in nodes.Select(n => n.Look.FontSize).Concat(all.Where(e => e.IsEdge && e.Label.Length > 0).Select(_ => TopologySvgStyle.EdgeFontSize)).Distinct())
        {
            var scale = MinLabelPixels / size;
            svg.Append("@container topology-svg (min-width: ").Append(N(w * scale)).Append("px) and (min-height: ").Append(N(h * scale))
                .Append("px) { .topology-svg .f").Append(N(size)).Append(" { visibility: visible; } }");
        }

        svg.Append("</style><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"").Append(N(x1)).Append(' ').Append(N(y1)).Append(' ').Append(N(w)).Append(' ').Append(N(h))
            .Append("\" preserveAspectRatio=\"xMidYMid meet\" style=\"max-width: ").Append(N(w * MaxZoom)).Append("px; max-height: ").Append(N(h * MaxZoom))
            .Append("px\" font-family=\"Helvetica Neue, Helvetica, sans-serif\" role=\"img\" aria-label=\"Topology: ")
            .Append(nodes.Count(n => n.Element.Kind == TopologyElementKind.Host)).Append(" nodes, ")
            .Append(nodes.Count(n => n.Element.Kind == TopologyElementKind.Network)).Append(" networks\">");
        foreach (var edge in all.Where(e => e.IsEdge))
        {
            if (at.TryGetValue(edge.Source!, out var s) && at.TryGetValue(edge.Target!, out var t))
            {
                Edge(svg, edge, s, t);
            }
        }

        foreach (var (element, look) in nodes)
        {
            Node(svg, element, look);
        }

        return svg.Append("</svg></div>").ToString();
    }

    private static void Edge(StringBuilder svg, TopologyElement edge, (double X, double Y) s, (double X, double Y) t)
    {
        var look = TopologySvgStyle.Edge(edge);
        svg.Append("<line data-id=\"").Append(Attr(edge.Id)).Append("\" x1=\"").Append(N(s.X)).Append("\" y1=\"").Append(N(s.Y))
            .Append("\" x2=\"").Append(N(t.X)).Append("\" y2=\"").Append(N(t.Y)).Append("\" stroke=\"").Append(look.Color)
            .Append("\" stroke-width=\"").Append(N(look.Width)).Append('"');
        if (look.Opacity < 1)
        {
            svg.Append(" opacity=\"").Append(N(look.Opacity)).Append('"');
        }

        if (look.Dash is { } dash)
        {
            svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        svg.Append("/>");
        if (edge.Label.Length > 0)
        {
            Text(svg, edge.Label, (s.X + t.X) / 2, (s.Y + t.Y) / 2, TopologySvgStyle.EdgeFontSize, "#455a64", bold: false, above: false);
        }
    }

    private static void Node(StringBuilder svg, TopologyElement node, TopologySvgStyle.NodeLook look)
    {
        svg.Append("<g data-id=\"").Append(Attr(node.Id)).Append("\">");
        var (x, y, w, h) = (node.X, node.Y, look.Width, look.Height);
        var paint = new StringBuilder().Append(" fill=\"").Append(look.Fill).Append('"');
        if (look.FillOpacity < 1)
        {
            paint.Append(" fill-opacity=\"").Append(N(look.FillOpacity)).Append('"');
        }

        if (look.BorderWidth > 0)
        {
            paint.Append(" stroke=\"").Append(look.BorderColor).Append("\" stroke-width=\"").Append(N(look.BorderWidth)).Append('"');
            if (look.BorderDashed)
            {
                paint.Append(" stroke-dasharray=\"4 2\"");
            }
        }

        switch (look.Shape)
        {
            case TopologySvgStyle.Shape.Ellipse:
                svg.Append("<ellipse cx=\"").Append(N(x)).Append("\" cy=\"").Append(N(y)).Append("\" rx=\"").Append(N(w / 2)).Append("\" ry=\"").Append(N(h / 2)).Append('"');
                break;
            case TopologySvgStyle.Shape.RoundRectangle:
                // Cytoscape's corner radius for a round rectangle: a quarter of the shorter side, at most 8.
                svg.Append("<rect x=\"").Append(N(x - (w / 2))).Append("\" y=\"").Append(N(y - (h / 2))).Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(N(h))
                    .Append("\" rx=\"").Append(N(Math.Min(Math.Min(w, h) / 4, 8))).Append('"');
                break;
            default:
                svg.Append("<polygon points=\"");
                foreach (var (px, py) in TopologySvgStyle.Points(look.Shape))
                {
                    svg.Append(N(x + (px * w / 2))).Append(',').Append(N(y + (py * h / 2))).Append(' ');
                }

                svg.Append('"');
                break;
        }

        svg.Append(paint).Append("/>");
        if (node.Label.Length > 0)
        {
            // Cytoscape puts a label's block below (or above) the body, the margin between them.
            var lines = node.Label.Split('\n').Length;
            var top = look.LabelAbove
                ? y - (h / 2) - look.LabelMargin - (lines * look.FontSize * 1.2)
                : y + (h / 2) + look.LabelMargin;
            Text(svg, node.Label, x, top, look.FontSize, look.LabelColor, look.Bold, above: true);
        }

        svg.Append("</g>");
    }

    /// <summary>A label: hidden unless its font size's container query shows it; <paramref name="above"/> says <paramref name="y"/> is its top.</summary>
    private static void Text(StringBuilder svg, string label, double x, double y, double size, string color, bool bold, bool above)
    {
        var lines = label.Split('\n');
        var first = above ? y + (size * 0.95) : y - ((lines.Length - 1) * size * 1.2 / 2) + (size * 0.35);
        svg.Append("<text class=\"f").Append(N(size)).Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(first)).Append("\" font-size=\"").Append(N(size))
            .Append("\" fill=\"").Append(color).Append("\" text-anchor=\"middle\"").Append(bold ? " font-weight=\"bold\"" : "").Append('>');
        for (var i = 0; i < lines.Length; i++)
        {
            svg.Append("<tspan x=\"").Append(N(x)).Append('"').Append(i == 0 ? "" : $" dy=\"{N(size * 1.2)}\"").Append('>')
                .Append(WebUtility.HtmlEncode(lines[i])).Append("</tspan>");
        }

        svg.Append("</text>");
    }

    private static string Attr(string value) => WebUtility.HtmlEncode(value);

    private static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
