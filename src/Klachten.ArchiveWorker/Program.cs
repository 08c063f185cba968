using Klachten.Archive;
using Klachten.ServiceDefaults;
using Microsoft.Extensions.Options;

// Keeps the dossier: consumes archive requests, sent letters and closed cases; deletes expired dossiers.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddArchive();
    builder.AddKlachtenBus(bus => bus.AddArchiveConsumers());
    var app = builder.Build();
    app.MapDefaultEndpoints();
    if (args.Contains("--migrate"))
    {
        // The deployment step before a rolling restart: apply the archive's migrations and exit.
        await app.Services.MigrateArchiveDatabaseAsync();
        return 0;
    }

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException { Source: "Klachten.ServiceDefaults" })
{
    // One clear line naming the key, not a stack trace.
    await Console.Error.WriteLineAsync($"Klachten.ArchiveWorker cannot start: {ex.Message}");
    return 1;
}
