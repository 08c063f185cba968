using Klachten.Server.Features.Auth;
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
        studio.MapGet("/", (HttpContext context) => StudioPages.Render(context, StudioPages.DefinitionList));
        studio.MapGet("/editor", (HttpContext context) => StudioPages.Render(context, StudioPages.Editor));
        studio.MapGet("/instances", (HttpContext context) => StudioPages.Render(context, StudioPages.InstanceList));
        studio.MapGet("/instance", (HttpContext context) => StudioPages.Render(context, StudioPages.InstanceViewer));
        studio.MapGet("/token", IssueStudioToken.Handle);
        studio.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string path, StudioFiles files) => files.Serve(context, path));

        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Klachten.Studio");
        if (!app.ServiceProvider.GetRequiredService<StudioFiles>().Available)
        {
            log.LogWarning("Elsa Studio bundle not found; /studio answers 503. Build with npm available (src/Klachten.Studio) or set {Key}.", StudioBundle.ConfigKey);
        }

        return app;
    }
}
