using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Complaints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.FileProviders;

namespace Klachten.Server.Features.Web;

/// <summary>
/// The staff web app at <c>/</c>: Razor Pages, server-rendered, usable without JavaScript. Every page needs a signed-in
/// staff member except the sign-in pages; forms carry anti-forgery tokens (Razor Pages validates them on every POST).
/// </summary>
internal static class WebExtensions
{
    public const string DirectorPolicy = "web-director";

    public static IHostApplicationBuilder AddKlachtenWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeopleDirectory>();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", Policies.Staff);
            o.Conventions.AllowAnonymousToPage("/Aanmelden");
            o.Conventions.AllowAnonymousToPage("/GeenToegang");
            o.Conventions.AuthorizePage("/Klacht/Nieuw", ComplaintsEndpoints.RegisterPolicy);
            o.Conventions.AuthorizePage("/Klacht/Vastleggen", ComplaintsEndpoints.RegisterPolicy);
            o.Conventions.AuthorizePage("/Overzicht", DirectorPolicy);
            o.Conventions.AuthorizeFolder("/Beheer", Policies.Administration);
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "klachten.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "klachten.melding";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DirectorPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Directeur, Roles.Beheerder));
        return builder;
    }

    public static WebApplication MapKlachtenWeb(this WebApplication app)
    {
        // The stylesheet and the one small script are embedded, so the app is complete wherever the binary runs.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebExtensions).Assembly, "Klachten.Server.wwwroot"),
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.MapRazorPages();
        return app;
    }
}
