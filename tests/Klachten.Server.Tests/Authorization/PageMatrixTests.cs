using System.Collections.Concurrent;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Authorization;

/// <summary>
/// <c>Authorization/pages.md</c>: every Razor page and handler of the running server × anonymous and the six roles,
/// requested as a user would (a session signed in through the form, POSTs with the page's token and valid fields).
/// </summary>
public sealed class PageMatrixTests(PageMatrixFixture fixture) : IClassFixture<PageMatrixFixture>
{
    private static string MatrixPath => Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Authorization", "pages.md");

    [Fact]
    public async Task Matrix_ListsEveryPageHandlerExactlyOnce()
    {
        var mapped = await MappedPagesAsync();
        var rows = MarkdownMatrix.Load(MatrixPath, PageOutcomes).Rows.Select(r => r.Endpoint).ToList();

        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        var missing = mapped.Except(rows, StringComparer.Ordinal).ToList();
        var stale = rows.Except(mapped, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"Pages without a row: [{string.Join(", ", missing)}]; rows without a page: [{string.Join(", ", stale)}]");
    }

    [Fact]
    public async Task Matrix_EveryCell_MatchesTheServer()
    {
        var matrix = MarkdownMatrix.Load(MatrixPath, PageOutcomes);
        Assert.Equal(PageMatrixFixture.Users.Keys, matrix.Columns);
        var cells = matrix.Rows.SelectMany(row => row.Expected.Select(cell => new Cell(row.Endpoint, cell.Key, cell.Value))).ToList();
        var failures = new ConcurrentBag<string>();

        // Reads run side by side; posts one at a time, so each one's "nothing stored" sees only itself.
        await Parallel.ForEachAsync(cells.Where(c => c.Method == "GET"), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (cell, _) =>
        {
            if (await fixture.RunAsync(cell) is { } failure)
            {
                failures.Add(failure);
            }
        });
        foreach (var cell in cells.Where(c => c.Method == "POST"))
        {
            if (await fixture.RunAsync(cell) is { } failure)
            {
                failures.Add(failure);
            }
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Order(StringComparer.Ordinal)));
        Assert.Equal(cells.Count, fixture.CellsRun);
    }

    [Fact]
    public async Task EveryPage_AsEveryRole_PostFormsCarryTheAntiforgeryToken()
    {
        var missing = new List<string>();
        var formsChecked = 0;
        foreach (var (column, user) in PageMatrixFixture.Users)
        {
            using var session = await WebSession.SignInAsync(fixture.Factory, user);
            foreach (var path in fixture.PagesToRender())
            {
                using var response = await session.Client.GetAsync(path);
                var html = await response.Content.ReadAsStringAsync();
                formsChecked += WebSession.PostFormCount(html);
                missing.AddRange(WebSession.PostFormsWithoutToken(html).Select(form => $"{path} as {column}: {form}"));
            }
        }

        Assert.True(missing.Count == 0, "Post forms without the anti-forgery token:\n" + string.Join("\n", missing));
        // The layout's sign-out form alone is on every staff page: far more than this many forms were looked at.
        Assert.True(formsChecked >= 40, $"Only {formsChecked} post forms were rendered; the pages did not render as expected.");
    }

    private static readonly HashSet<string> PageOutcomes = new(StringComparer.Ordinal) { "200", "302", "signed-out", "login", "denied", "403", "404" };

    private async Task<List<string>> MappedPagesAsync()
    {
        var loader = fixture.Factory.Services.GetRequiredService<PageLoader>();
        var rows = new List<string>();
        foreach (var endpoint in fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var handlers = compiled.HandlerMethods
                .Select(h => $"{h.HttpMethod.ToUpperInvariant()} {route}{(h.Name is null ? "" : "?handler=" + h.Name.ToLowerInvariant())}")
                .ToList();
            // Without a GET handler a page still renders on GET.
            rows.AddRange(handlers.Any(h => h.StartsWith("GET ", StringComparison.Ordinal) && !h.Contains('?', StringComparison.Ordinal)) ? handlers : [.. handlers, $"GET {route}"]);
        }

        return [.. rows.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}

public sealed record Cell(string Endpoint, string Column, string Expected)
{
    public string Method => Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)];

    public string Route => Endpoint[(Endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];
}
