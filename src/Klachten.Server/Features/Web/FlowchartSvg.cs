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
        foreach (var edge in edges)
        {
            if (byId.TryGetValue(edge.Source, out var source) && byId.TryGetValue(edge.Target, out var target))
            {
                AppendEdge(svg, source, target, edge.Port);
            }
        }

        foreach (var node in nodes)
        {
            AppendNode(svg, node, active.Contains(node.Id), done.Contains(node.Id));
        }

        return svg.Append("</svg>").ToString();
    }

    private static void AppendEdge(StringBuilder svg, Node source, Node target, string? port)
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
        if (PortLabel(port) is { } label)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(sx + 6)}\" y=\"{F(sy - 6)}\" font-size=\"13\" fill=\"#1a1a1a\">{E(label)}</text>");
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
