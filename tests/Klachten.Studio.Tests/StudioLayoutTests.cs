using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Testing.Browser;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests;

/// <summary>
/// The layout of Klachtenprocedure as Studio really draws it: node boxes are read from X6's DOM, so a file laid out for
/// a guessed node size fails here. The positions come from <c>Layout/layout_klachtenprocedure.py</c>.
/// </summary>
public sealed partial class StudioTests
{
    private const string ManhattanWarning = "Unable to execute manhattan algorithm";

    /// <summary>Room left between two node boxes (ports included) so labels and the task badge stay readable.</summary>
    private const double Margin = 16;

    /// <summary>X6 falls back to its orth router for an edge it cannot route around the nodes; a few are tolerable.</summary>
    private const int MaxManhattanFallbacks = 3;

    /// <summary>The designer's mousewheel minScale.</summary>
    private const double MinimumZoom = 0.4;

    [Fact]
    public async Task S2b_EditorLayout_Klachtenprocedure_NodesDoNotOverlapAndEdgesRouteAroundThem()
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(WorkflowFile()))!["root"]!;
        var activities = root["activities"]!.AsArray().Count;
        var connections = root["connections"]!.AsArray().Count;
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        var fallbacks = 0;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains(ManhattanWarning, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref fallbacks);
            }
        };

        var cold = await LoadEditorAsync(page, () => page.OpenPageAsync($"/studio/editor?id={DefinitionId}"), activities, connections);
        var coldFallbacks = Volatile.Read(ref fallbacks);
        var boxes = await NodeBoxesAsync(page);
        var crossings = await EdgeCrossingsAsync(page, boxes);
        var canvas = await page.EvaluateAsync<double[]>("() => { const c = document.querySelector('.x6-graph'); return [c.clientWidth, c.clientHeight]; }");
        var (graphWidth, graphHeight) = (boxes.Max(b => b.Right) - boxes.Min(b => b.Left), boxes.Max(b => b.Bottom) - boxes.Min(b => b.Top));
        await page.ScreenshotAsync(new() { Path = Screenshot("klachtenprocedure-100.png") });
        var warm = await LoadEditorAsync(page, () => page.ReloadAsync(), activities, connections);

        var overlaps = OverlappingPairs(boxes).ToList();
        var report = new JsonObject
        {
            ["editorColdSeconds"] = Math.Round(cold.TotalSeconds, 1),
            ["editorWarmSeconds"] = Math.Round(warm.TotalSeconds, 1),
            ["scale"] = boxes.Count > 0 ? boxes[0].Scale : 0,
            ["manhattanFallbacks"] = coldFallbacks,
            ["graphSize"] = $"{graphWidth:0}x{graphHeight:0}",
            ["canvasSize"] = $"{canvas[0]:0}x{canvas[1]:0}",
            ["edgeCrossings"] = new JsonArray(crossings.Select(c => (JsonNode)c).ToArray()),
            ["overlappingPairs"] = new JsonArray(overlaps.Select(p => (JsonNode)$"{p.A} / {p.B}").ToArray()),
            ["nodes"] = new JsonArray(boxes.Select(b => (JsonNode)JsonSerializer.SerializeToNode(b)!).ToArray()),
        };
        await File.WriteAllTextAsync(Path.Combine(StudioFixture.ArtifactsDirectory, "klachtenprocedure-layout.json"), report.ToJsonString(new() { WriteIndented = true }));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"editor cold {cold.TotalSeconds:0.0} s, warm {warm.TotalSeconds:0.0} s; {overlaps.Count} overlapping pairs; {coldFallbacks} manhattan fallbacks; {crossings.Count} edges through a node; graph {graphWidth:0}x{graphHeight:0} in a {canvas[0]:0}x{canvas[1]:0} canvas"));

        Assert.Equal(activities, boxes.Count);
        Assert.Empty(overlaps);
        Assert.InRange(coldFallbacks, 0, MaxManhattanFallbacks);
        Assert.Empty(crossings);
        // The whole procedure fits the canvas at Studio's minimum zoom, so a process owner can see it at once.
        Assert.InRange(graphWidth * MinimumZoom, 0, canvas[0]);
        Assert.InRange(graphHeight * MinimumZoom, 0, canvas[1]);
    }

    /// <summary>Time from navigation until every node and edge is drawn and X6 has settled its sizes.</summary>
    private static async Task<TimeSpan> LoadEditorAsync(IPage page, Func<Task> navigate, int activities, int connections)
    {
        var watch = Stopwatch.StartNew();
        await navigate();
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(activities, new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("g.x6-edge")).ToHaveCountAsync(connections);
        await Assertions.Expect(page.Locator("g.x6-node foreignObject")).ToHaveCountAsync(activities);
        // X6 measures and routes in animation frames; a few frames without a change in the node boxes means it is done.
        await page.EvaluateAsync(
            """
            async () => {
              const frame = () => new Promise(r => requestAnimationFrame(() => r()));
              const snapshot = () => [...document.querySelectorAll('g.x6-node, g.x6-edge path')]
                .map(e => e.getAttribute('transform') + e.getAttribute('d') + (e.getBBox ? JSON.stringify(e.getBBox()) : '')).join('|');
              let last = snapshot(), stable = 0;
              while (stable < 5) { await frame(); const now = snapshot(); stable = now === last ? stable + 1 : 0; last = now; }
            }
            """);
        return watch.Elapsed;
    }

    private static async Task<List<NodeBox>> NodeBoxesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            """
            () => {
              const viewport = document.querySelector('g.x6-graph-svg-viewport');
              const scale = viewport?.transform.baseVal.consolidate()?.matrix.a ?? 1;
              return JSON.stringify([...document.querySelectorAll('g.x6-node')].map(n => {
                const m = n.transform.baseVal.consolidate()?.matrix;
                const body = n.querySelector('foreignObject');
                const all = n.getBBox();
                return {
                  Id: n.getAttribute('data-cell-id'), Scale: scale, X: m ? m.e : 0, Y: m ? m.f : 0,
                  Width: body ? body.width.baseVal.value : all.width, Height: body ? body.height.baseVal.value : all.height,
                  Left: (m ? m.e : 0) + all.x, Top: (m ? m.f : 0) + all.y, Right: (m ? m.e : 0) + all.x + all.width, Bottom: (m ? m.f : 0) + all.y + all.height,
                };
              }));
            }
            """);
        return JsonSerializer.Deserialize<List<NodeBox>>(json)!;
    }

    /// <summary>Edges that run through the body of a node (sampled every 4 px along the drawn path), as "edge from -> to crosses node".</summary>
    private static async Task<List<string>> EdgeCrossingsAsync(IPage page, List<NodeBox> boxes)
    {
        var bodies = boxes.Select(b => new[] { b.X + 4, b.Y + 4, b.X + b.Width - 4, b.Y + b.Height - 4 }).ToArray();
        var hits = await page.EvaluateAsync<string[]>(
            """
            ([ids, bodies]) => {
              const hits = new Set();
              for (const edge of document.querySelectorAll('g.x6-edge')) {
                const path = edge.querySelector('path');
                const length = path.getTotalLength();
                const [from, to] = [path.getPointAtLength(0), path.getPointAtLength(length)];
                const name = `edge ${Math.round(from.x)},${Math.round(from.y)} -> ${Math.round(to.x)},${Math.round(to.y)}`;
                for (let at = 0; at <= length; at += 4) {
                  const p = path.getPointAtLength(at);
                  bodies.forEach((b, i) => { if (p.x > b[0] && p.x < b[2] && p.y > b[1] && p.y < b[3]) hits.add(`${name} crosses ${ids[i]}`); });
                }
              }
              return [...hits];
            }
            """,
            new object[] { boxes.Select(b => b.Id).ToArray(), bodies });
        return [.. hits];
    }

    private static IEnumerable<(string A, string B)> OverlappingPairs(List<NodeBox> boxes)
    {
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                if (a.Left < b.Right + Margin && b.Left < a.Right + Margin && a.Top < b.Bottom + Margin && b.Top < a.Bottom + Margin)
                {
                    yield return (a.Id, b.Id);
                }
            }
        }
    }

    /// <summary>A node in graph coordinates: its position, its body size, and the box of everything it draws (ports too).</summary>
    private sealed record NodeBox(string Id, double Scale, double X, double Y, double Width, double Height, double Left, double Top, double Right, double Bottom);
}
