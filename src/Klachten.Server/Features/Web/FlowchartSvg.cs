using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Klachten.Server.Features.Web;

/// <summary>
/// Draws an Elsa flowchart (the definition's <c>root</c>) as SVG from the designer positions, with the steps the case
/// is at now highlighted and the steps already passed shaded. No layout engine: the process owner's layout in Studio
/// is the layout here.
/// </summary>
internal static class FlowchartSvg
{
    private const double DefaultWidth = 220;
    private const double DefaultHeight = 60;
    private const double Padding = 24;

    // A generous average width of a 13 px character, so labels that might touch are moved apart.
    private const double LabelCharWidth = 7.5;

    internal sealed record Node(string Id, string Text, double X, double Y, double Width, double Height);

    internal sealed record Edge(string Source, string Target, string? Port);

    public static (IReadOnlyList<Node> Nodes, IReadOnlyList<Edge> Edges) Read(JsonNode root)
    {
        var nodes = new List<Node>();
        foreach (var activity in root["activities"]?.AsArray() ?? [])
        {
            var id = activity?["id"]?.GetValue<string>();
            var designer = activity?["metadata"]?["designer"];
            if (id is null || designer?["position"] is not JsonObject position)
            {
                continue;
            }

            var text = activity!["metadata"]?["displayText"]?.GetValue<string>() ?? activity["name"]?.GetValue<string>() ?? id;
            nodes.Add(new Node(id, text, Number(position["x"]), Number(position["y"]),
                Number(designer["size"]?["width"], DefaultWidth), Number(designer["size"]?["height"], DefaultHeight)));
        }

        var edges = (root["connections"]?.AsArray() ?? [])
            .Select(c => new Edge(c?["source"]?["activity"]?.GetValue<string>() ?? "", c?["target"]?["activity"]?.GetValue<string>() ?? "", c?["source"]?["port"]?.GetValue<string>()))
            .Where(e => e.Source.Length > 0 && e.Target.Length > 0)
            .ToList();
        return (nodes, edges);
    }

    public static string Render(JsonNode root, IReadOnlySet<string> active, IReadOnlySet<string> done)
    {
        var (nodes, edges) = Read(root);
        if (nodes.Count == 0)
        {
            return string.Empty;
        }

        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var minX = nodes.Min(n => n.X) - Padding;
        var minY = nodes.Min(n => n.Y) - Padding;
        var width = nodes.Max(n => n.X + n.Width) - minX + Padding;
        var height = nodes.Max(n => n.Y + n.Height) - minY + Padding;
        var activeText = string.Join(", ", nodes.Where(n => active.Contains(n.Id)).Select(n => n.Text));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{F(minX)} {F(minY)} {F(width)} {F(height)}\" width=\"{F(width)}\" height=\"{F(height)}\" role=\"img\" aria-labelledby=\"stroom-titel stroom-uitleg\">");
        svg.Append("<title id=\"stroom-titel\">Verloop van de klachtenprocedure</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"stroom-uitleg\">{E(activeText.Length > 0 ? $"Huidige stap: {activeText}." : "Geen stap actief.")}</desc>");
        svg.Append("<defs><marker id=\"pijl\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        var labels = new List<(string Text, double X, double Y)>();
        foreach (var group in edges.Where(e => byId.ContainsKey(e.Source) && byId.ContainsKey(e.Target)).GroupBy(e => (e.Source, e.Target)))
        {
            // Several outcomes to the same step (Gegrond, Deels gegrond, Ongegrond) share one line and one label.
            var (x, y) = group.Select(_ => AppendEdge(svg, byId[group.Key.Source], byId[group.Key.Target])).ToList()[0];
            var text = string.Join(", ", group.Select(e => PortLabel(e.Port)).OfType<string>().Distinct(StringComparer.Ordinal));
            if (text.Length > 0)
            {
                labels.Add((text, x, y));
            }
        }

        AppendLabels(svg, labels);

        foreach (var node in nodes)
        {
            AppendNode(svg, node, active.Contains(node.Id), done.Contains(node.Id));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Draws the edge; returns where its label goes (the curve's point at t = ½).</summary>
    private static (double X, double Y) AppendEdge(StringBuilder svg, Node source, Node target)
    {
        double sx, sy, tx, ty;
        string curve;
        if (target.X >= source.X + source.Width)
        {
            (sx, sy, tx, ty) = (source.X + source.Width, source.Y + (source.Height / 2), target.X, target.Y + (target.Height / 2));
            var dx = (tx - sx) / 2;
            curve = $"C{F(sx + dx)},{F(sy)} {F(tx - dx)},{F(ty)} ";
        }
        else
        {
            // Same column or backwards: leave from the bottom (or top) and enter from the top (or bottom).
            var down = target.Y >= source.Y;
            (sx, sy) = (source.X + (source.Width / 2), down ? source.Y + source.Height : source.Y);
            (tx, ty) = (target.X + (target.Width / 2), down ? target.Y : target.Y + target.Height);
            var dy = (ty - sy) / 2;
            curve = $"C{F(sx)},{F(sy + dy)} {F(tx)},{F(ty - dy)} ";
        }

        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"verbinding\" d=\"M{F(sx)},{F(sy)} {curve}{F(tx)},{F(ty)}\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\" marker-end=\"url(#pijl)\"/>");
        return ((sx + tx) / 2, (sy + ty) / 2);
    }

    // Branch labels at the middle of their own edge, moved down a line while they would cover one already placed; a
    // white halo keeps them readable over other lines.
    private static void AppendLabels(StringBuilder svg, List<(string Text, double X, double Y)> labels)
    {
        var placed = new List<(double Left, double Top, double Right, double Bottom)>();
        foreach (var (text, x, anchorY) in labels)
        {
            var half = text.Length * LabelCharWidth / 2;
            var y = anchorY - 4;
            for (var tries = 0; tries < 12 && placed.Any(p => x - half < p.Right && p.Left < x + half && y - 13 < p.Bottom && p.Top < y + 3); tries++)
            {
                y += 16;
            }

            placed.Add((x - half, y - 13, x + half, y + 3));
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tak\" x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1a1a1a\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">{E(text)}</text>");
        }
    }

    private static void AppendNode(StringBuilder svg, Node node, bool isActive, bool isDone)
    {
        var (fill, stroke, strokeWidth, textColour, state) = isActive
            ? ("#154273", "#0b223d", 4, "#ffffff", "nu actief")
            : isDone ? ("#e7f2ea", "#275937", 2, "#1a1a1a", "doorlopen") : ("#ffffff", "#767676", 1.5, "#1a1a1a", "nog niet bereikt");
        var css = isActive ? "stap actief" : isDone ? "stap doorlopen" : "stap";
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"{css}\" data-activity=\"{E(node.Id)}\"><title>{E(node.Text)} ({state})</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(node.X)}\" y=\"{F(node.Y)}\" width=\"{F(node.Width)}\" height=\"{F(node.Height)}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{F(strokeWidth)}\"/>");
        var lines = Wrap(node.Text, (int)(node.Width / 8));
        var lineHeight = 17.0;
        var firstY = node.Y + (node.Height / 2) - ((lines.Count - 1) * lineHeight / 2) + 5;
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(node.X + (node.Width / 2))}\" y=\"{F(firstY + (i * lineHeight))}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{textColour}\"{(isActive ? " font-weight=\"700\"" : "")}>{E(lines[i])}</text>");
        }

        svg.Append("</g>");
    }

    internal static List<string> Wrap(string text, int maxChars)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > maxChars)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines.Count > 3 ? [lines[0], lines[1], lines[2] + "…"] : lines;
    }

    private static string? PortLabel(string? port) => port switch
    {
        "True" => "ja",
        "False" => "nee",
        null or "Done" or "Out" => null,
        _ => port,
    };

    private static double Number(JsonNode? node, double fallback = 0) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : fallback;

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
