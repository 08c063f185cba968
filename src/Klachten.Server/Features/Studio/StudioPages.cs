using System.Net;

namespace Klachten.Server.Features.Studio;

/// <summary>
/// Our host pages for the Studio custom elements (docs/elsa-studio-api.md §1): definition list, editor, instance list and
/// instance viewer. Each page asks <c>/studio/token</c> for a bearer token when the user has a session; without one
/// it shows a Dutch form for an API key (kept in sessionStorage for the tab). Navigation callbacks are set as JS
/// properties once the element's tag is defined; a property set earlier would be lost.
/// </summary>
internal static class StudioPages
{
    public sealed record Page(string Tag, string Title, string? IdAttribute);

    public static readonly Page DefinitionList = new("elsa-workflow-definition-list", "Workflows", null);
    public static readonly Page Editor = new("elsa-workflow-definition-editor", "Workflow bewerken", "definition-id");
    public static readonly Page InstanceList = new("elsa-workflow-instance-list", "Workflow-instanties", null);
    public static readonly Page InstanceViewer = new("elsa-workflow-instance-viewer", "Workflow-instantie", "instance-id");

    public static IResult Render(HttpContext context, Page page)
    {
        // The page holds no personal data (the element fetches it with a token); the other headers come from
        // Features/Security/SecurityHeaders.cs.
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(Html(page), "text/html; charset=utf-8");
    }

    private static string Html(Page page) => $$"""
<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>{{WebUtility.HtmlEncode(page.Title)}} · Elsa Studio · Klachtenprocedure</title>
  <base href="/studio/">
  <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet">
  <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet">
  <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet">
  <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet">
  <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet">
  <style>
    html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
    .kw-bar { display: flex; gap: 1.25rem; align-items: center; height: 44px; padding: 0 1rem; background: #1f3a5f; color: #fff; box-sizing: border-box; }
    .kw-bar a, .kw-bar button { color: #fff; font: inherit; }
    .kw-bar a[aria-current] { font-weight: 700; text-decoration: none; }
    .kw-bar .kw-user { margin-left: auto; opacity: .85; }
    .kw-bar button { background: none; border: 1px solid #fff8; border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
    #studio { height: calc(100vh - 44px); overflow: auto; }
    .kw-panel { max-width: 34rem; margin: 3rem auto; padding: 1.5rem 2rem; border: 1px solid #ccd; border-radius: 8px; }
    .kw-panel label { display: block; margin: 1rem 0 .3rem; font-weight: 600; }
    .kw-panel input { width: 100%; padding: .45rem; box-sizing: border-box; font: inherit; }
    .kw-panel button { margin-top: 1rem; padding: .45rem 1.2rem; font: inherit; }
    .kw-error { color: #a40000; }
  </style>
</head>
<body>
  <header class="kw-bar">
    <strong>Klachtenprocedure · Elsa Studio</strong>
    <nav style="display:flex;gap:1rem">
      <a href="/studio/" data-nav="definitions"{{(page == DefinitionList || page == Editor ? " aria-current=\"page\"" : "")}}>Workflows</a>
      <a href="/studio/instances" data-nav="instances"{{(page == InstanceList || page == InstanceViewer ? " aria-current=\"page\"" : "")}}>Workflow-instanties</a>
      <a href="/">Klachten</a>
    </nav>
    <span class="kw-user" id="kw-user"></span>
    <button type="button" id="kw-forget" hidden>Sleutel vergeten</button>
  </header>
  <main id="studio"></main>
  <section class="kw-panel" id="kw-signin" hidden>
    <h1>Aanmelden voor Elsa Studio</h1>
    <p>U bent niet aangemeld. <a id="kw-signin-link" href="/aanmelden">Meld u aan</a> of geef uw API-sleutel op.</p>
    <form id="kw-key-form">
      <label for="kw-key">API-sleutel</label>
      <input id="kw-key" name="key" type="password" autocomplete="off" required>
      <button type="submit">Openen</button>
      <p class="kw-error" id="kw-key-error" role="alert"></p>
    </form>
  </section>
  <p class="kw-panel kw-error" id="kw-missing" role="alert" hidden></p>
  <div id="blazor-error-ui" style="display:none">Er is een onverwachte fout opgetreden in Elsa Studio. <a href="" class="reload">Opnieuw laden</a> <a class="dismiss">🗙</a></div>
  <script src="_content/BlazorMonaco/jsInterop.js"></script>
  <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js"></script>
  <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"></script>
  <script src="_content/MudBlazor/MudBlazor.min.js"></script>
  <script src="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js"></script>
  <script src="_content/Radzen.Blazor/Radzen.Blazor.js"></script>
  <script src="_framework/blazor.webassembly.js"></script>
  <script src="/js/studio-host.js"></script>
</body>
</html>
""";
}
