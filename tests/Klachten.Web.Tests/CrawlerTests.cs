using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Klachten.Web.Tests;

/// <summary>
/// For every role: follows every same-origin link reachable from the menu and the pages (breadth-first, bounded) and
/// submits every form from the page itself (its own fields and anti-forgery token, each submit button), signing out
/// last. Collects every 400, 5xx and raw JSON page with role, page and form, then fails once with the whole list.
/// </summary>
[Collection(CrawlerCollection.Name)]
public sealed class CrawlerTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private static readonly string[] Roles = ["medewerker", "leidinggevende", "directeur", "commissie", "procesbeheerder", "beheerder"];

    [Fact]
    public async Task Crawl_EveryRoleFollowsEveryLinkAndSubmitsEveryForm_NoBadRequestServerErrorOrRawJson()
    {
        var clock = Stopwatch.StartNew();
        var today = await ArrangeCasesAsync();
        var failures = new List<string>();
        var summaries = new List<RoleCrawl>();
        foreach (var role in Roles)
        {
            var crawl = new RoleCrawl(app, role, today);
            await crawl.RunAsync();
            summaries.Add(crawl);
            failures.AddRange(crawl.Failures);
        }

        foreach (var crawl in summaries)
        {
            output.WriteLine($"{crawl.Role}: {crawl.Pages.Count} pages{(crawl.CapReached ? " (cap reached)" : "")}, {crawl.Submitted.Count} form submissions, {crawl.Downloads.Count} downloads, {crawl.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine("  pages: " + string.Join(", ", crawl.Pages));
            output.WriteLine("  forms: " + string.Join(", ", crawl.Submitted));
            output.WriteLine("  downloads: " + string.Join(", ", crawl.Downloads));
        }

        // An empty crawl proves nothing: every role reaches the inbox, the complaints list and a case or task page, and
        // submits forms (the list filter and the sign-out at least); between them the roles claim, complete and register.
        foreach (var crawl in summaries)
        {
            if (crawl.Pages.Count < 3 || crawl.Submitted.Count < 2)
            {
                failures.Add($"role {crawl.Role} | crawl too small: {crawl.Pages.Count} page(s), {crawl.Submitted.Count} form submission(s)");
            }
        }

        foreach (var (form, what) in new[] { ("?handler=claim", "claim a task"), ("POST /taken/{id} ", "complete a task"), ("?handler=register", "register a complaint") })
        {
            if (!summaries.Any(c => c.Submitted.Any(s => s.Contains(form, StringComparison.Ordinal))))
            {
                failures.Add($"no role submitted the form to {what} ({form.Trim()})");
            }
        }

        output.WriteLine($"Crawl took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Something to crawl: a formal complaint waiting for the director, one waiting for the committee, an informal one
    /// for the employee and one for the manager.
    /// </summary>
    private async Task<DateOnly> ArrangeCasesAsync()
    {
        await app.RegisterAsync();
        var (_, committee) = await app.RegisterAsync();
        await app.CompleteOpenTaskAsync("directeur", committee, "Bevestigd");
        await app.CompleteOpenTaskAsync("directeur", committee, "Niet ingetrokken", new JsonObject { ["contactnotitie"] = "Gebeld; klager handhaaft de klacht." });
        await app.CompleteOpenTaskAsync("directeur", committee, "Voorgelegd", new JsonObject { ["rapportage"] = "Ontvangst bevestigd, contact gehad." });
        await app.RegisterAsync(stage: "Informal", concernedEmployee: "medewerker");
        await app.RegisterAsync(stage: "Informal");
        return await app.TodayAsync();
    }

    private sealed class RoleCrawl(WebAppFixture app, string role, DateOnly today)
    {
        private const int MaxPages = 40;
        private const int MaxChain = 3;
        private static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(15);

        private readonly Queue<Uri> _queue = new();
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly HashSet<string> _knownForms = new(StringComparer.Ordinal);
        private readonly Queue<(Uri Page, List<FormButton> Chain)> _forms = new();
        private readonly List<IResponse> _responses = [];
        private readonly HashSet<string> _failures = new(StringComparer.Ordinal);
        private IPage _page = null!;

        public string Role { get; } = role;

        public List<string> Pages { get; } = [];

        public List<string> Submitted { get; } = [];

        public List<string> Downloads { get; } = [];

        public IReadOnlyCollection<string> Failures => _failures;

        public bool CapReached { get; private set; }

        public TimeSpan Elapsed { get; private set; }

        public async Task RunAsync()
        {
            var clock = Stopwatch.StartNew();
            _page = await app.SignInAsync(Role);
            _page.Response += (_, response) =>
            {
                lock (_responses)
                {
                    _responses.Add(response);
                }
            };
            try
            {
                Enqueue(new Uri(app.Address, "/"));
                while (_queue.Count > 0 || _forms.Count > 0)
                {
                    if (_queue.TryDequeue(out var url))
                    {
                        if (Pages.Count < MaxPages)
                        {
                            await VisitAsync(url);
                        }
                        else
                        {
                            CapReached = true;
                        }
                    }
                    else if (_forms.TryDequeue(out var form))
                    {
                        await SubmitAsync(form.Page, form.Chain);
                    }
                }

                await SignOutAsync();
            }
            catch (PlaywrightException ex)
            {
                // Listed with the rest rather than hiding what was found before.
                Fail(Pages.LastOrDefault() ?? "-", "-", $"crawl stopped: {FirstLine(ex.Message)}");
            }
            finally
            {
                await _page.Context.CloseAsync();
                Elapsed = clock.Elapsed;
            }
        }

        private async Task VisitAsync(Uri url)
        {
            var key = CrawlUrl.Key(url);
            Pages.Add(key);
            TakeResponses();
            try
            {
                await _page.GotoAsync(url.ToString());
            }
            catch (PlaywrightException ex)
            {
                Fail(key, "-", $"navigation failed: {FirstLine(ex.Message)}");
                return;
            }

            if (!await CheckResponsesAsync(key, "-"))
            {
                return;
            }

            await FollowAsync(url, []);
        }

        /// <summary>The links and forms of the current page: new pages queued, new forms queued for submission.</summary>
        private async Task FollowAsync(Uri pageUrl, List<FormButton> chain)
        {
            // In-page anchors (the skip link, the error summary) are not pages; after a POST they would name the handler's URL.
            var hrefs = await _page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]:not([href^=\"#\"])')).map(a => a.href)");
            foreach (var href in hrefs)
            {
                if (Uri.TryCreate(href, UriKind.Absolute, out var link))
                {
                    await ConsiderLinkAsync(link, pageUrl);
                }
            }

            if (chain.Count >= MaxChain)
            {
                return;
            }

            foreach (var button in await FormFiller.ButtonsAsync(_page))
            {
                // Sign-out is done last; the same form elsewhere (ids normalised) is the same form.
                if (!button.IsSignOut && _knownForms.Add(button.Signature))
                {
                    _forms.Enqueue((pageUrl, [.. chain, button]));
                }
            }
        }

        private async Task ConsiderLinkAsync(Uri link, Uri from)
        {
            if (link.Scheme is not ("http" or "https") || link.GetLeftPart(UriPartial.Authority) != app.Address.GetLeftPart(UriPartial.Authority))
            {
                return;
            }

            var path = link.AbsolutePath;
            if (path.StartsWith("/studio", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/afmelden", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var key = CrawlUrl.Key(link);
            if (!_seen.Add(key))
            {
                return;
            }

            // A plain request first: a page is crawled in the browser, anything else (CSV, PDF) is only checked.
            var response = await _page.Context.APIRequest.GetAsync(link.ToString());
            try
            {
                var contentType = response.Headers.GetValueOrDefault("content-type") ?? "";
                if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                {
                    _queue.Enqueue(new Uri(link.GetLeftPart(UriPartial.Query)));
                    return;
                }

                Downloads.Add($"{key} ({contentType.Split(';')[0]}, {response.Status})");
                var page = CrawlUrl.Key(from);
                if (response.Status is 400 or >= 500)
                {
                    Fail(page, $"link {key}", $"HTTP {response.Status}");
                }

                var text = contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? await response.TextAsync() : null;
                if (RawJson.IsJsonContentType(contentType) || RawJson.LooksLikeJson(text))
                {
                    Fail(page, $"link {key}", $"raw JSON answer ({contentType})");
                }
            }
            finally
            {
                await response.DisposeAsync();
            }
        }

        private void Enqueue(Uri url)
        {
            if (_seen.Add(CrawlUrl.Key(url)))
            {
                _queue.Enqueue(url);
            }
        }

        /// <summary>Opens the page afresh, replays the earlier steps of the chain, then submits its last form.</summary>
        private async Task SubmitAsync(Uri pageUrl, List<FormButton> chain)
        {
            var pageKey = CrawlUrl.Key(pageUrl);
            var formName = string.Join(" → ", chain.Select(b => b.Signature));
            TakeResponses();
            try
            {
                await _page.GotoAsync(pageUrl.ToString());
            }
            catch (PlaywrightException ex)
            {
                Fail(pageKey, formName, $"navigation failed: {FirstLine(ex.Message)}");
                return;
            }

            if (!await CheckResponsesAsync(pageKey, "-"))
            {
                return;
            }

            foreach (var step in chain)
            {
                var current = (await FormFiller.ButtonsAsync(_page)).FirstOrDefault(b => b.Signature == step.Signature);
                if (current is null)
                {
                    // The form went away meanwhile (a task claimed or completed by an earlier submission): nothing to submit.
                    return;
                }

                TakeResponses();
                try
                {
                    await FormFiller.FillAsync(FormFiller.Form(_page, current), today);
                    await _page.RunAndWaitForResponseAsync(
                        () => FormFiller.Submit(_page, current).ClickAsync(),
                        r => r.Request.IsNavigationRequest && r.Frame == _page.MainFrame && r.Status is < 300 or >= 400,
                        new() { Timeout = (float)SubmitTimeout.TotalMilliseconds });
                    await _page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
                }
                catch (PlaywrightException ex)
                {
                    Fail(pageKey, formName, $"no page after submitting: {FirstLine(ex.Message)}");
                    return;
                }

                if (step == chain[^1])
                {
                    Submitted.Add(formName);
                }

                if (!await CheckResponsesAsync(pageKey, formName))
                {
                    return;
                }
            }

            // A page reached with GET is crawled like any other; a page answered to a POST is examined in place.
            var result = new Uri(_page.Url);
            if (chain[^1].Method == "GET" || result.AbsolutePath != new Uri(chain[^1].Action).AbsolutePath)
            {
                Enqueue(result);
            }

            await FollowAsync(pageUrl, chain);
        }

        private async Task SignOutAsync()
        {
            TakeResponses();
            await _page.GotoAsync("/");
            await CheckResponsesAsync("/", "-");
            var signOut = (await FormFiller.ButtonsAsync(_page)).FirstOrDefault(b => b.IsSignOut);
            if (signOut is null)
            {
                Fail("/", "sign-out", "no sign-out form on the inbox");
                return;
            }

            await SubmitAsync(new Uri(app.Address, "/"), [signOut]);
            await _page.GotoAsync("/");
            if (new Uri(_page.Url).AbsolutePath != "/aanmelden")
            {
                Fail("/", signOut.Signature, $"still signed in after signing out: / shows {new Uri(_page.Url).PathAndQuery}");
            }
        }

        /// <summary>Checks the responses since the last call; false when the page is an error (nothing to follow on it).</summary>
        private async Task<bool> CheckResponsesAsync(string page, string form)
        {
            var ok = true;
            foreach (var response in TakeResponses())
            {
                var what = $"{response.Request.Method} {CrawlUrl.Key(new Uri(response.Url))}";
                if (response.Status is 400 or >= 500)
                {
                    Fail(page, form, $"HTTP {response.Status} for {what}");
                    ok = false;
                }

                if (response.Request.IsNavigationRequest && response.Frame == _page.MainFrame && response.Status is < 300 or >= 400
                    && await RawJson.ProblemAsync(response) is { } problem)
                {
                    Fail(page, form, $"{problem} for {what}");
                    ok = false;
                }
            }

            return ok;
        }

        private List<IResponse> TakeResponses()
        {
            lock (_responses)
            {
                var taken = _responses.ToList();
                _responses.Clear();
                return taken;
            }
        }

        private void Fail(string page, string form, string problem) =>
            _failures.Add($"role {Role} | page {page} | form {form} | {problem}");

        private static string FirstLine(string text) => text.Split('\n')[0];
    }
}

/// <summary>The crawler changes state (claims, completes, registers) on its own server, and runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrawlerCollection
{
    public const string Name = "crawler";
}
