using System.Collections.Concurrent;
using Klachten.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Authorization;

/// <summary>
/// <c>Authorization/matrix.md</c> names, for every machine endpoint (<c>/api</c>, <c>/elsa/api</c>,
/// <c>/studio/token</c>, <c>/health</c>, <c>/metrics</c>) and every role plus anonymous, the exact status the caller
/// gets for a request its handler can carry out (<see cref="MatrixRequests"/>: real ids, valid bodies): the success
/// status, or <c>401</c>, <c>403</c>, <c>404</c>. The rows must be exactly the endpoints the running server maps, so a
/// new endpoint fails this test until someone decides who may call it. Shared resources concern the medewerker
/// (manager: leidinggevende), so the regulation's exclusion shows as <c>404</c> for those two; each such 404 is then
/// sent again, unchanged, as the row's first succeeding column, which must get its success: a route that answers 404
/// to everyone fails. Cells of endpoints that change state each get a fresh resource, so the order does not matter.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixServerFixture fixture) : IClassFixture<MatrixServerFixture>
{
    private static readonly string[] Prefixes = ["/api/", "/elsa/api/", "/studio/token", "/health/", "/metrics"];

    private static IReadOnlyDictionary<string, string?> Callers => MatrixColumns.Users;

    private static string MatrixPath => Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Authorization", "matrix.md");

    [Fact]
    public void Matrix_ListsEveryMappedEndpointExactlyOnce()
    {
        var mapped = MappedEndpoints();
        var rows = Matrix.Load(MatrixPath).Rows.Select(r => r.Endpoint).ToList();

        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        var missing = mapped.Except(rows, StringComparer.Ordinal).ToList();
        var stale = rows.Except(mapped, StringComparer.Ordinal).ToList();
        var recipes = MatrixRequests.Endpoints.Except(rows, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0 && recipes.Count == 0,
            $"Endpoints without a row: [{string.Join(", ", missing)}]; rows without an endpoint: [{string.Join(", ", stale)}]; "
            + $"request recipes without a row: [{string.Join(", ", recipes)}]");
    }

    [Fact]
    public async Task Matrix_EveryCell_MatchesTheServer()
    {
        var matrix = Matrix.Load(MatrixPath);
        Assert.Equal(Callers.Keys, matrix.Columns);
        var clients = Callers.ToDictionary(c => c.Key, c => fixture.Factory.CreateClient(c.Value is null ? null : $"dev-{c.Value}"));
        var failures = new ConcurrentBag<string>();
        var cells = matrix.Rows.SelectMany(row => row.Expected.Keys.Select(column => (Row: row, Column: column))).ToList();

        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (cell, _) =>
        {
            if (await CheckAsync(cell.Row, cell.Column, clients) is { } failure)
            {
                failures.Add(failure);
            }
        });

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} of {cells.Count} cells differ:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }

    private async Task<string?> CheckAsync(MatrixRow row, string column, Dictionary<string, HttpClient> clients)
    {
        var cell = $"{row.Endpoint} as {column}";
        MatrixRequest request;
        try
        {
            request = await MatrixRequests.BuildAsync(row.Endpoint, fixture);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"{cell}: preparing the request failed: {ex.Message}";
        }

        var expected = row.Expected[column];
        var (status, text) = await SendAsync(clients[column], request);
        if (status != expected)
        {
            return $"{cell}: expected {expected}, got {status} {text}";
        }

        if (expected != StatusCodes.Status404NotFound)
        {
            return null;
        }

        // The same request by a caller the row lets through must succeed, or the 404 says nothing about the exclusion.
        var witness = row.Witness!;
        var (witnessStatus, witnessText) = await SendAsync(clients[witness], request);
        return witnessStatus == row.Expected[witness]
            ? null
            : $"{cell}: 404 as expected, but the same request as {witness} got {witnessStatus} instead of {row.Expected[witness]} {witnessText}";
    }

    private static async Task<(int Status, string Text)> SendAsync(HttpClient client, MatrixRequest request)
    {
        using var message = request.ToMessage(apiKey: null);
        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 160 ? text[..160] + "…" : text);
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
}
