namespace Klachten.Server.Tests.Authorization;

/// <summary>One row of <c>matrix.md</c>: an endpoint (<c>METHOD /route</c>) and the status each column expects.</summary>
internal sealed record MatrixRow(string Endpoint, IReadOnlyDictionary<string, int> Expected)
{
    /// <summary>The first column the row lets through: it repeats a 404 cell's request to show the route works.</summary>
    public string? Witness => Expected.FirstOrDefault(e => Matrix.IsSuccess(e.Value)).Key;
}

/// <summary>The first Markdown table of <c>matrix.md</c>: <c>| endpoint | anonymous | medewerker | … |</c>.</summary>
internal sealed record Matrix(IReadOnlyList<string> Columns, IReadOnlyList<MatrixRow> Rows)
{
    private static readonly HashSet<int> Outcomes = [200, 201, 204, 401, 403, 404];

    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    public static Matrix Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.StartsWith('|')).Select(Cells).ToList();
        var columns = lines[0].Skip(1).ToList();
        var rows = lines.Skip(2).Select(cells =>
        {
            var text = string.Join(" | ", cells);
            Assert.True(cells.Count == columns.Count + 1, $"Row '{text}' has {cells.Count - 1} cells, not {columns.Count}.");
            var statuses = cells.Skip(1).Select(c => int.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0).ToList();
            Assert.True(statuses.All(Outcomes.Contains), $"Row '{text}': every cell is one of {string.Join(", ", Outcomes)}.");
            var row = new MatrixRow(cells[0].Trim('`'), columns.Zip(statuses).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
            Assert.True(!statuses.Contains(404) || row.Witness is not null, $"Row '{text}': a 404 cell needs a column in the same row that succeeds.");
            return row;
        }).ToList();
        return new Matrix(columns, rows);
    }

    private static List<string> Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
}
