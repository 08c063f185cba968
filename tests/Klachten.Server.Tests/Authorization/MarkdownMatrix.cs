namespace Klachten.Server.Tests.Authorization;

/// <summary>The first Markdown table of a file: <c>| endpoint | column | … |</c>, each cell one of the given outcomes.</summary>
public sealed record MarkdownMatrix(IReadOnlyList<string> Columns, IReadOnlyList<MarkdownMatrix.Row> Rows)
{
    public sealed record Row(string Endpoint, IReadOnlyDictionary<string, string> Expected);

    public static MarkdownMatrix Load(string path, IReadOnlySet<string> outcomes)
    {
        var lines = File.ReadAllLines(path).Where(l => l.StartsWith('|')).Select(Cells).ToList();
        var columns = lines[0].Skip(1).ToList();
        var rows = lines.Skip(2).Select(cells =>
        {
            Assert.True(cells.Count == columns.Count + 1, $"Row '{string.Join(" | ", cells)}' has {cells.Count - 1} cells, not {columns.Count}.");
            foreach (var cell in cells.Skip(1))
            {
                Assert.True(outcomes.Contains(cell), $"Row '{cells[0]}': '{cell}' is not one of {string.Join(", ", outcomes)}.");
            }

            return new Row(cells[0].Trim('`'), columns.Zip(cells.Skip(1)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }).ToList();
        Assert.NotEmpty(rows);
        return new MarkdownMatrix(columns, rows);
    }

    private static List<string> Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
}
