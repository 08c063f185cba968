using System.Text.Json.Nodes;
using System.Xml.Linq;
using Klachten.Server.Features.Web;

namespace Klachten.Web.Tests;

/// <summary>The procedure drawn from the definition's designer positions, without a server.</summary>
public sealed class FlowchartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static JsonNode Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "workflows", "klachtenprocedure.json")))
        {
            directory = directory.Parent;
        }

        return JsonNode.Parse(File.ReadAllText(Path.Combine(directory.FullName, "workflows", "klachtenprocedure.json")))!["root"]!;
    }

    [Fact]
    public void Render_Procedure_DrawsEveryActivityAndConnection()
    {
        var root = Root();

        var svg = XDocument.Parse(FlowchartSvg.Render(root, new HashSet<string>(), new HashSet<string>()));

        var ids = svg.Descendants(Svg + "g").Select(g => (string?)g.Attribute("data-activity")).ToList();
        Assert.Equal(root["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()), ids);
        Assert.Equal(root["connections"]!.AsArray().Count, svg.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "verbinding"));
    }

    [Fact]
    public void Render_ActiveAndDoneSteps_AreMarkedAndNamedInTheDescription()
    {
        var svg = XDocument.Parse(FlowchartSvg.Render(Root(), new HashSet<string> { "contactKlager" }, new HashSet<string> { "start", "bevestigOntvangst" }));

        var groups = svg.Descendants(Svg + "g").ToDictionary(g => (string)g.Attribute("data-activity")!, g => (string)g.Attribute("class")!);
        Assert.Equal("stap actief", groups["contactKlager"]);
        Assert.Equal("stap doorlopen", groups["bevestigOntvangst"]);
        Assert.Equal("stap", groups["besluit"]);
        Assert.Equal("Huidige stap: Directeur neemt contact op.", svg.Root!.Element(Svg + "desc")!.Value);
        Assert.Equal("img", (string?)svg.Root.Attribute("role"));
    }

    [Fact]
    public void Render_NodePositions_ComeFromTheDesigner()
    {
        var root = Root();
        var svg = XDocument.Parse(FlowchartSvg.Render(root, new HashSet<string>(), new HashSet<string>()));

        // The node is drawn where the designer keeps it (positions change when the layout does).
        var designer = root["activities"]!.AsArray().Single(a => (string?)a!["id"] == "besluit")!["metadata"]!["designer"]!;
        var expected = ((string)designer["position"]!["x"]!.ToString(), designer["position"]!["y"]!.ToString(), designer["size"]!["width"]!.ToString(), designer["size"]!["height"]!.ToString());
        var rect = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-activity") == "besluit").Element(Svg + "rect")!;
        Assert.Equal(expected, ((string)rect.Attribute("x")!, (string)rect.Attribute("y")!, (string)rect.Attribute("width")!, (string)rect.Attribute("height")!));
    }

    [Fact]
    public void Render_Procedure_NoTwoBranchLabelsOverlap()
    {
        var svg = XDocument.Parse(FlowchartSvg.Render(Root(), new HashSet<string>(), new HashSet<string>()));

        // Each label's box, as drawn (centred, 13 px; ~7.5 px per character is generous for the font).
        var boxes = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "tak").Select(t =>
        {
            var (x, y, width) = ((double)t.Attribute("x")!, (double)t.Attribute("y")!, t.Value.Length * 7.5);
            return (Text: t.Value, Left: x - (width / 2), Right: x + (width / 2), Top: y - 13, Bottom: y + 3);
        }).ToList();
        Assert.True(boxes.Count >= 10, $"only {boxes.Count} branch labels drawn");
        var overlapping = boxes.SelectMany((a, i) => boxes.Skip(i + 1).Where(b => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom).Select(b => $"{a.Text} / {b.Text}")).ToList();
        Assert.True(overlapping.Count == 0, "overlapping branch labels: " + string.Join(", ", overlapping));
    }

    [Fact]
    public void Render_TextWithMarkup_IsEscaped()
    {
        var root = JsonNode.Parse("""
            { "activities": [ { "id": "a", "metadata": { "displayText": "<script>x</script> & co", "designer": { "position": { "x": 0, "y": 0 } } } } ], "connections": [] }
            """)!;

        var svg = FlowchartSvg.Render(root, new HashSet<string> { "a" }, new HashSet<string>());

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; &amp; co", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrap_LongText_BreaksOnWordsAtMostThreeLines() =>
        Assert.Equal(["Leg de klacht met", "rapportage voor aan de", "Klachtencommissie"], FlowchartSvg.Wrap("Leg de klacht met rapportage voor aan de Klachtencommissie", 22));
}
