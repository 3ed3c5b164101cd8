using System.Text.RegularExpressions;

namespace Multinet.Web.Topology;

/// <summary>
/// The graph's style (the <c>style</c> table in wwwroot/js/topology.js) for the static SVG: each element's shape, size,
/// colours and dash from its classes, later rules winning as in Cytoscape. A change to one needs the same in the other.
/// </summary>
internal static partial class TopologySvgStyle
{
    public const double EdgeFontSize = 8;

    private const string DefaultColor = "#607d8b";

    public enum Shape { Ellipse, RoundRectangle, Hexagon, Diamond, Barrel }

    public sealed record NodeLook(Shape Shape, double Width, double Height, string Fill, double FillOpacity, double BorderWidth, string BorderColor,
        bool BorderDashed, double FontSize, string LabelColor, bool Bold, bool LabelAbove, double LabelMargin);

    public sealed record EdgeLook(string Color, double Width, double Opacity, string? Dash);

    public static NodeLook Node(TopologyElement e)
    {
        var c = Classes(e);
        var color = Color(e);
        // 'node': a 30 × 30 ellipse in Cytoscape's grey, its label below in 11 px.
        var look = new NodeLook(Shape.Ellipse, 30, 30, "#999999", 1, 0, "#000000", false, 11, "#263238", false, false, 4);
        if (c.Contains("host"))
        {
            look = look with { Shape = Shape.RoundRectangle, Width = 96, Height = 36, Fill = "#37474f", BorderWidth = 3, BorderColor = "#43a047" };
            if (c.Contains("stale"))
            {
                look = look with { BorderColor = "#fb8c00" };
            }

            if (c.Contains("disconnected"))
            {
                look = look with { Fill = "#b0bec5", BorderColor = "#d50000" };
            }
        }

        if (c.Contains("network"))
        {
            look = look with { Shape = Shape.Hexagon, Width = 44, Height = 38, Fill = color, LabelAbove = true };
            if (c.Contains("degraded"))
            {
                look = look with { BorderWidth = 4, BorderColor = "#d50000" };
            }

            if (c.Contains("expanded"))
            {
                look = look with { Width = 54, Height = 46 };
            }
        }

        if (c.Contains("pod"))
        {
            look = look with { Shape = Shape.Ellipse, Width = 20, Height = 20, Fill = "#90a4ae", FontSize = 9 };
        }

        if (c.Contains("group"))
        {
            look = look with { Shape = c.Contains("has-vms") ? Shape.RoundRectangle : Shape.Ellipse, Width = 24, Height = 24, Fill = color, FillOpacity = 0.75, FontSize = 9, LabelAbove = true, LabelMargin = 2 };
            if (c.Contains("expanded"))
            {
                look = look with { BorderWidth = 3, BorderColor = "#263238" };
            }
        }

        if (c.Contains("vm"))
        {
            look = look with { Shape = Shape.Barrel, Width = 34, Height = 22, Fill = "#5e35b1", BorderWidth = 2, BorderColor = "#ede7f6", FontSize = 9, Bold = true, LabelColor = "#4527a0" };
            if (c.Contains("not-running"))
            {
                look = look with { Fill = "#b39ddb", BorderDashed = true, BorderColor = "#5e35b1" };
            }
        }

        if (c.Contains("service"))
        {
            look = look with { Shape = Shape.Diamond, Width = 30, Height = 30, Fill = color, FontSize = 9, LabelAbove = true, LabelMargin = 0 };
        }

        return look;
    }

    public static EdgeLook Edge(TopologyElement e)
    {
        var c = Classes(e);
        var look = new EdgeLook(Color(e), 1.5, 1, null);
        if (c.Contains("vrf"))
        {
            look = look with { Width = 1, Opacity = 0.45, Dash = "1 1" };
            if (c.Contains("failed"))
            {
                look = look with { Color = "#d50000", Opacity = 1 };
            }
        }

        if (c.Contains("tunnel"))
        {
            look = c.Contains("down") ? look with { Width = 6, Color = "#d50000" }
                : c.Contains("missing") ? look with { Width = 4, Color = "#ff6d00", Dash = "6 3" }
                : look with { Width = 3 };
        }

        if (c.Contains("group-link"))
        {
            look = look with { Width = 1, Opacity = 0.6, Dash = "6 3" };
        }

        if (c.Contains("iface"))
        {
            look = look with { Width = c.Contains("vm") ? 2.5 : look.Width, Dash = c.Contains("down") ? "6 3" : look.Dash };
        }

        if (c.Contains("endpoint"))
        {
            look = look with { Dash = "6 3" };
        }

        return look;
    }

    /// <summary>A shape's corners on the unit square (−1 … 1), as Cytoscape draws the polygon shapes.</summary>
    public static IEnumerable<(double X, double Y)> Points(Shape shape) => shape switch
    {
        Shape.Hexagon => [(-0.5, -1), (-1, 0), (-0.5, 1), (0.5, 1), (1, 0), (0.5, -1)],
        Shape.Diamond => [(0, -1), (1, 0), (0, 1), (-1, 0)],
        // A barrel, its bulging sides drawn straight: the corners cut back by a tenth.
        _ => [(-0.9, -1), (0.9, -1), (1, -0.8), (1, 0.8), (0.9, 1), (-0.9, 1), (-1, 0.8), (-1, -0.8)],
    };

    private static HashSet<string> Classes(TopologyElement e) => [.. e.Classes.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The element's colour as the graph takes it (<c>data(color)</c>), only ever a <c>#rrggbb</c> into the markup.</summary>
    private static string Color(TopologyElement e) => e.Color.Length > 0 && HexColor().IsMatch(e.Color) ? e.Color : DefaultColor;

    [GeneratedRegex("^#[0-9a-fA-F]{3,8}$")]
    private static partial Regex HexColor();
}
