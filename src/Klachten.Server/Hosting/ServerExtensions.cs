using Klachten.Server.Common;
using Klachten.Server.Features.Administration;
using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Features.Composition;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Features.Descriptors;
using Klachten.Server.Features.HttpWorkflows;
using Klachten.Server.Features.Instances;
using Klachten.Server.Features.Security;
using Klachten.Server.Features.Studio;
using Klachten.Server.Features.Tasks;
using Klachten.Server.Features.Telemetry;
using Klachten.Server.Features.Terms;
using Klachten.Server.Features.Web;
using Klachten.Server.Messaging;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Klachten.ServiceDefaults;
using Klachten.ServiceDefaults.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Klachten.Server.Hosting;

internal static class ServerExtensions
{
    private const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddKlachtenServer(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddServiceDefaults();
        builder.AddRequestSizeLimit();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = DutchProblemTitles.Apply);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.AddValidatedOptions<KlachtenOptions>(KlachtenOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddKlachtenPersistence();
        builder.AddSecurityHeaders();
        builder.AddKlachtenAuth();
        builder.AddAuthThrottling();
        builder.AddKlachtenStudio();
        builder.AddKlachtenWeb();
        builder.AddAudit();
        builder.AddTerms();
        builder.AddKlachtenRuntime();
        builder.AddComplaints();
        builder.AddAdministration();
        Features.Email.EmailProjection.AddEmail(builder);
        builder.AddHttpWorkflows();
        Features.HttpRequests.HttpRequestsExtensions.AddHttpRequests(builder);
        builder.AddServerTelemetry();
        // The embedded default hosts the notification and archive services too; registered before the bus so that
        // their tables exist before their consumers start.
        var embedded = EmbeddedServices.IsEmbedded(builder.Configuration);
        if (embedded)
        {
            builder.AddEmbeddedServices();
        }

        builder.AddComposition();
        builder.AddKlachtenMessaging(
            consumers =>
            {
                ComplaintsEndpoints.AddLetterOutcomeConsumers(consumers);
                CompositionFeature.AddCompositionConsumers(consumers);
            },
            embedded ? EmbeddedServices.AddEmbeddedConsumers : null);

        builder.Services.AddSingleton(ActivityCatalog.Default);
        builder.Services.AddSingleton<DefinitionValidator>();
        builder.Services.AddScoped<DefinitionStore>();
        builder.Services.AddScoped<DefinitionImporter>();
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddHostedService<StartupBanner>();

        // Last: a missing certificate is reported only once every other setting is right, and the key ring is read
        // after StartupTasks has migrated (Development).
        builder.AddKeyRing();
        return builder;
    }

    public static WebApplication MapKlachtenServer(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestSizeLimit();
        app.UseAuthThrottling();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapDefaultEndpoints(metricsPolicy: Policies.Administration);
        app.MapGroup("/elsa/api").RequireAuthorization(Policies.Staff).MapDefinitions().MapWorkflowExecution().MapWorkflowInstances().MapDescriptors().MapJavaScriptTypeDefinitions();
        app.MapKlachtenStudio();
        app.MapGroup("/api").RequireAuthorization(Policies.Staff).MapTerms().MapTasks().MapComplaints().MapAdministration().MapDevClock(app.Services);
        app.MapHttpWorkflows();
        app.MapKlachtenWeb();
        return app;
    }

    /// <summary><c>--migrate</c>: apply migrations and exit, the deployment step before a rolling restart.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator<KlachtenDbContext>>().MigrateAsync(CancellationToken.None);
        KeyRing.EnsureFirstKey(app.Services);
        if (EmbeddedServices.IsEmbedded(app.Configuration))
        {
            await EmbeddedServices.MigrateEmbeddedAsync(app.Services, CancellationToken.None);
        }
    }
}
