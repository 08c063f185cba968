using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Klachten.Testing.Browser;
using Microsoft.Playwright;

namespace Klachten.Web.Tests;

/// <summary>What the browser tests do over and over: sign in, open a page (timed, scanned with axe), take a screenshot.</summary>
internal static class Browser
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task<IPage> SignInAsync(this WebAppFixture app, string user)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Address.ToString(), Locale = "nl-NL", AcceptDownloads = true });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.OpenPageAsync("/aanmelden");
        await page.GetByLabel("Gebruikersnaam").FillAsync(user);
        await page.GetByLabel("Wachtwoord").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return page;
    }

    /// <summary>Navigates, records the page load time once per page name and asserts no WCAG 2.1 A/AA violations.</summary>
    public static async Task OpenAsync(this IPage page, WebAppFixture app, string path, string name)
    {
        var response = await page.OpenPageAsync(path);
        Assert.NotNull(response);
        await app.RecordLoadTimeAsync(page, name);
        await AssertAccessibleAsync(page, name);
    }

    public static async Task RecordLoadTimeAsync(this WebAppFixture app, IPage page, string name)
    {
        var milliseconds = await page.EvaluateAsync<double>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd > 0 ? n.loadEventEnd - n.startTime : n.duration; }");
        lock (app.LoadTimes)
        {
            if (!app.LoadTimes.Any(t => t.Page == name))
            {
                app.LoadTimes.Add((name, milliseconds));
            }
        }
    }

    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe(WcagAa);
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => JsonSerializer.Serialize(n.Target)))})").ToList();
        Assert.True(violations.Count == 0, $"Accessibility violations on {name} ({page.Url}):\n{string.Join("\n", violations)}");
    }

    /// <summary>
    /// The page does not scroll sideways: nothing sticks out to the right of the viewport, except inside a region
    /// that scrolls by itself (the flowchart). The message names the elements that stick out.
    /// </summary>
    public static async Task AssertFitsWidthAsync(IPage page, string name)
    {
        var report = await page.EvaluateAsync<string[]>(
            """
            () => {
              const width = document.documentElement.clientWidth;
              const scrollsItself = e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
              const out = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && !scrollsItself(e) && !e.closest('.visueel-verborgen'))
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : ''} right=${Math.round(e.getBoundingClientRect().right)}`);
              return [String(document.documentElement.scrollWidth), String(width), ...out.slice(0, 15)];
            }
            """);
        Assert.True(int.Parse(report[0]) <= int.Parse(report[1]) && report.Length == 2,
            $"{name} ({page.Url}) scrolls sideways: {report[0]} px wide in a {report[1]} px viewport; sticking out:\n{string.Join("\n", report.Skip(2))}");
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebAppFixture.ArtifactsDirectory, $"{name}.png"), FullPage = true });

    /// <summary>The inbox entry of one task of one complaint.</summary>
    public static ILocator Task(this IPage page, string reference, string title) =>
        page.Locator("li.taak").Filter(new() { HasText = reference }).Filter(new() { HasText = title });

    /// <summary>Opens a task from the inbox and completes it with the mouse and keyboard as a user would.</summary>
    public static async Task CompleteAsync(this IPage page, string reference, string title, string outcome, IReadOnlyDictionary<string, string>? fields = null, string? comment = null)
    {
        await page.OpenPageAsync("/");
        await page.Task(reference, title).GetByRole(AriaRole.Link, new() { Name = "Afronden" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = outcome, Exact = true }).CheckAsync();
        foreach (var (label, value) in fields ?? new Dictionary<string, string>())
        {
            await page.GetByLabel(label).FillAsync(value);
        }

        if (comment is not null)
        {
            await page.GetByLabel("Opmerking").FillAsync(comment);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Taak afronden" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#melding")).ToContainTextAsync("is afgerond");
    }
}
