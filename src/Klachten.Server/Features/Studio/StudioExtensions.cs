using Microsoft.AspNetCore.Authentication;

namespace Klachten.Server.Features.Studio;

/// <summary>Elsa Studio under <c>/studio</c>: the bundle, our host pages and the Studio token.</summary>
internal static class StudioExtensions
{
    public static IHostApplicationBuilder AddKlachtenStudio(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(StudioBundle.Locate(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<StudioFiles>();
        builder.Services.AddSingleton<StudioTokens>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, StudioTokenAuthenticationHandler>(StudioTokenAuthenticationHandler.SchemeName, null);
        return builder;
    }

    public static IEndpointRouteBuilder MapKlachtenStudio(this IEndpointRouteBuilder app)
    {
        var studio = app.MapGroup("/studio").AllowAnonymous();
        // Our short paths and the paths Studio itself navigates to (relative to <base href="/studio/">) all answer
        // the same host page; studio-host.js picks the element from the address, so a deep link reloads into its view.
        foreach (var (path, page) in new[]
                 {
                     ("/", StudioPages.DefinitionList), ("/workflows/definitions", StudioPages.DefinitionList),
                     ("/editor", StudioPages.Editor), ("/workflows/definitions/{definitionId}/edit", StudioPages.Editor),
                     ("/instances", StudioPages.InstanceList), ("/workflows/instances", StudioPages.InstanceList),
                     ("/instance", StudioPages.InstanceViewer), ("/workflows/instances/{instanceId}/view", StudioPages.InstanceViewer),
                 })
        {
            studio.MapGet(path, (HttpContext context) => StudioPages.Render(context, page));
        }

        studio.MapGet("/token", IssueStudioToken.Handle);
        studio.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string path, StudioFiles files) => files.Serve(context, path));

        // Studio links outside its base path: the viewer's definition link and "Open filtered logs" (we keep no
        // structured logs; the viewer's journal is the log of an instance).
        app.MapGet("/workflows/definitions/{definitionId}/edit", (string definitionId) =>
            TypedResults.Redirect($"/studio/workflows/definitions/{Uri.EscapeDataString(definitionId)}/edit")).AllowAnonymous();
        app.MapGet("/diagnostics/structured-logs", (string? workflowInstanceId) => TypedResults.Redirect(
            string.IsNullOrEmpty(workflowInstanceId) ? "/studio/workflows/instances" : $"/studio/workflows/instances/{Uri.EscapeDataString(workflowInstanceId)}/view")).AllowAnonymous();

        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Klachten.Studio");
        if (!app.ServiceProvider.GetRequiredService<StudioFiles>().Available)
        {
            log.LogWarning("Elsa Studio bundle not found; /studio answers 503. Build with npm available (src/Klachten.Studio) or set {Key}.", StudioBundle.ConfigKey);
        }

        return app;
    }
}
