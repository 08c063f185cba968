using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klachten.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Authorization;

/// <summary>
/// <c>Authorization/matrix.md</c> names, for every machine endpoint (<c>/api</c>, <c>/elsa/api</c>,
/// <c>/studio/token</c>, <c>/health</c>, <c>/metrics</c>) and every role plus anonymous, what the caller gets:
/// <c>allowed</c> (neither 401 nor 403, and no 5xx — a dummy id may still give 400 or 404), <c>401</c>, <c>403</c> or
/// <c>404</c>. The rows must be exactly the endpoints the running server maps, so a new endpoint fails this test until
/// someone decides who may call it. Complaint and instance routes name a real complaint about the medewerker (manager:
/// leidinggevende), so the regulation's exclusion shows as <c>404</c> for those two; other ids do not exist.
/// </summary>
public sealed partial class AuthorizationMatrixTests(MatrixServerFixture fixture) : IClassFixture<MatrixServerFixture>
{
    private static readonly string[] Prefixes = ["/api/", "/elsa/api/", "/studio/token", "/health/", "/metrics"];

    /// <summary>Column → the API key's user (the committee's dev user is <c>commissie</c>).</summary>
    private static readonly Dictionary<string, string?> Callers = new(StringComparer.Ordinal)
    {
        ["anonymous"] = null,
        ["medewerker"] = "medewerker",
        ["leidinggevende"] = "leidinggevende",
        ["directeur"] = "directeur",
        ["klachtencommissie"] = "commissie",
        ["procesbeheerder"] = "procesbeheerder",
        ["beheerder"] = "beheerder",
    };

    private static string MatrixPath => Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Authorization", "matrix.md");

    [Fact]
    public void Matrix_ListsEveryMappedEndpointExactlyOnce()
    {
        var mapped = MappedEndpoints();
        var rows = Matrix.Load(MatrixPath).Rows.Select(r => r.Endpoint).ToList();

        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        var missing = mapped.Except(rows, StringComparer.Ordinal).ToList();
        var stale = rows.Except(mapped, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"Endpoints without a row: [{string.Join(", ", missing)}]; rows without an endpoint: [{string.Join(", ", stale)}]");
    }

    [Fact]
    public async Task Matrix_EveryCell_MatchesTheServer()
    {
        var matrix = Matrix.Load(MatrixPath);
        Assert.Equal(Callers.Keys, matrix.Columns);
        var clients = Callers.ToDictionary(c => c.Key, c => fixture.Factory.CreateClient(c.Value is null ? null : $"dev-{c.Value}"));
        var failures = new ConcurrentBag<string>();
        var cells = matrix.Rows.SelectMany(row => row.Expected.Select(cell => (row.Endpoint, Column: cell.Key, Expected: cell.Value)));

        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (cell, cancellationToken) =>
        {
            using var request = ToRequest(cell.Endpoint);
            using var response = await clients[cell.Column].SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var ok = cell.Expected switch
            {
                "allowed" => status is not (401 or 403) && status < 500,
                _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture) == cell.Expected,
            };
            if (!ok)
            {
                failures.Add($"{cell.Endpoint} as {cell.Column}: expected {cell.Expected}, got {status}");
            }
        });

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }

    private List<string> MappedEndpoints() =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]))
            .Where(e => Prefixes.Any(p => e.Route.StartsWith(p, StringComparison.Ordinal) || e.Route + "/" == p))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Route}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A harmless request: complaint and instance routes get the fixture's complaint, other route values an id that
    /// does not exist; bodies are an empty JSON object.
    /// </summary>
    private HttpRequestMessage ToRequest(string endpoint)
    {
        var (method, route) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = RouteParameter().Replace(route, m => m.Groups[1].Value switch
        {
            "id:guid" => fixture.ComplaintId,
            "id" when route.Contains("/workflow-instances/", StringComparison.Ordinal) => fixture.InstanceId,
            _ => "matrix-dummy",
        });
        if (route.StartsWith("/elsa/api/activity-execution", StringComparison.Ordinal))
        {
            path += $"?WorkflowInstanceId={fixture.InstanceId}";
        }

        var request = new HttpRequestMessage(method == "ANY" ? HttpMethod.Get : new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();

    private sealed record Row(string Endpoint, IReadOnlyDictionary<string, string> Expected);

    private sealed record Matrix(IReadOnlyList<string> Columns, IReadOnlyList<Row> Rows)
    {
        private static readonly HashSet<string> Outcomes = new(StringComparer.Ordinal) { "allowed", "401", "403", "404" };

        /// <summary>The first Markdown table of the file: <c>| endpoint | anonymous | medewerker | … |</c>.</summary>
        public static Matrix Load(string path)
        {
            var lines = File.ReadAllLines(path).Where(l => l.StartsWith('|')).Select(Cells).ToList();
            var columns = lines[0].Skip(1).ToList();
            var rows = lines.Skip(2).Select(cells =>
            {
                Assert.True(cells.Count == columns.Count + 1, $"Row '{string.Join(" | ", cells)}' has {cells.Count - 1} cells, not {columns.Count}.");
                Assert.All(cells.Skip(1), c => Assert.Contains(c, Outcomes));
                return new Row(cells[0].Trim('`'), columns.Zip(cells.Skip(1)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
            }).ToList();
            return new Matrix(columns, rows);
        }

        private static List<string> Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
    }
}

/// <summary>The matrix's server (manual clock, so the dev clock is mapped) with one complaint about the medewerker.</summary>
public sealed class MatrixServerFixture() : ManualClockServerFixture(Provider.Sqlite)
{
    public string ComplaintId { get; private set; } = "";

    public string InstanceId { get; private set; } = "";

    protected override async Task OnStartedAsync()
    {
        using var director = Factory.As("directeur");
        var now = await director.GetFromJsonAsync<JsonObject>("/api/dev/clock");
        var today = DateOnly.FromDateTime(DateTimeOffset.Parse((string)now!["now"]!, System.Globalization.CultureInfo.InvariantCulture).Date);
        var response = await director.PostAsJsonAsync("/api/complaints", new JsonObject
        {
            ["complainant"] = new JsonObject { ["name"] = "Matrix Klager", ["email"] = "klager@example.nl" },
            ["category"] = "Treatment",
            ["eventDate"] = today.AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["receivedOn"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["stage"] = "Formal",
            ["concernedEmployee"] = "medewerker",
            ["manager"] = "leidinggevende",
            ["description"] = "Klacht voor de autorisatiematrix.",
        });
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, created?.ToJsonString());
        ComplaintId = (string)created!["id"]!;
        InstanceId = (string)created["workflowInstanceId"]!;
    }
}
