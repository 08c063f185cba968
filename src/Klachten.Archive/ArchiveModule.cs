using Klachten.Archive.Consumers;
using Klachten.Archive.Persistence;
using Klachten.Archive.Retention;
using Klachten.ServiceDefaults.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klachten.Archive;

/// <summary>The dossier: keeps letters and documents with hashes and retention dates. Hosted by the archive worker, or in the server for the embedded default.</summary>
public static class ArchiveModule
{
    /// <summary>
    /// Adds the archive's database (<c>Klachten:Database:Provider</c>; <c>ConnectionStrings:Archive</c>, else
    /// <c>ConnectionStrings:Klachten</c>), migrations at start in Development, its readiness check and the retention
    /// job. Call before <c>AddKlachtenBus</c> so migrations run before the consumers start. Throws
    /// <see cref="OptionsValidationException"/> naming the key when <c>Klachten:Archive</c> is invalid.
    /// </summary>
    public static IHostApplicationBuilder AddArchive(this IHostApplicationBuilder builder)
    {
        builder.AddArchiveOptions();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.AddArchiveDatabase();
        builder.Services.AddScoped<Dossier>();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RetentionJob>());
        return builder;
    }

    /// <summary>
    /// Binds <c>Klachten:Archive</c> (<see cref="ArchiveOptions"/>) and validates it now and on start, for the archive
    /// and for whoever keeps data as long as the dossier (the server's audit trail). Safe to call more than once.
    /// Throws <see cref="OptionsValidationException"/> naming the key when the section is invalid.
    /// </summary>
    public static IHostApplicationBuilder AddArchiveOptions(this IHostApplicationBuilder builder)
    {
        ArchiveOptions.Load(builder.Configuration);
        if (!builder.Services.Any(s => s.ServiceType == typeof(IValidateOptions<ArchiveOptions>)))
        {
            builder.Services.AddOptions<ArchiveOptions>().Bind(builder.Configuration.GetSection(ArchiveOptions.SectionName)).ValidateOnStart();
            builder.Services.AddSingleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>();
        }

        return builder;
    }

    /// <summary>
    /// The archive's consumers, on queues of their own: <c>archive-document</c>, <c>archive-letter-sent</c>,
    /// <c>archive-case-closed</c>.
    /// </summary>
    public static T AddArchiveConsumers<T>(this T bus)
        where T : IRegistrationConfigurator
    {
        bus.AddConsumer<ArchiveDocumentConsumer>();
        bus.AddConsumer<ArchiveLetterSentConsumer>();
        bus.AddConsumer<ArchiveCaseClosedConsumer>();
        return bus;
    }

    /// <summary>Applies the archive's pending migrations: the <c>--migrate</c> step of a deployment.</summary>
    public static Task MigrateArchiveDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.MigrateServiceDatabaseAsync<ArchiveDbContext>(cancellationToken);
}
