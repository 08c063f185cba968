using Klachten.Archive;
using Klachten.Server.Features.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Features.Audit;

/// <summary>The audit trail (AVG): recording accesses to complaints, reading them back (beheerder), and retention.</summary>
internal static class AuditExtensions
{
    public const string ReadPolicy = "audit-read";

    /// <summary>The staff app's page of a complaint's audit trail (Pages/Klacht/Inzage).</summary>
    public const string Page = "/Klacht/Inzage";

    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        // The retention years are the dossier's: one key, Klachten:Archive:RetentionYears, validated at start.
        builder.AddArchiveOptions();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<AuditRetentionJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditRetentionJob>());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Beheerder));
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizePage(Page, ReadPolicy));
        return builder;
    }

    /// <summary><c>GET /api/complaints/{id}/audit</c>, beheerder only.</summary>
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/complaints/{id:guid}/audit", GetAudit.HandleAsync).RequireAuthorization(ReadPolicy);
        return api;
    }
}
