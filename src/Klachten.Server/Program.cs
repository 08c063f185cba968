using Klachten.Server.Common;
using Klachten.Server.Features.Administration;
using Klachten.Server.Hosting;
using Klachten.ServiceDefaults.Persistence;
using Microsoft.Extensions.Options;

try
{
    // An administration command (--create-user, --list-api-keys, ...) runs on the built host and exits; the
    // host is never started, so no background work runs. Its arguments are not configuration.
    var command = AdministrationCommandLine.IsCommandLine(args) ? AdministrationCommandLine.Parse(args) : null;
    if (command is not null && AdministrationCommands.Answer(command, Console.Out, Console.Error) is { } answered)
    {
        return answered;
    }

    var builder = WebApplication.CreateBuilder(command is null ? args : []);
    builder.AddKlachtenServer();
    if (command is not null)
    {
        AdministrationCommands.PrepareHost(builder);
    }

    var app = builder.Build();
    if (command?.Command is { } administration)
    {
        // Disposed, never started: telemetry exporters flush, connections close.
        await using (app)
        {
            return await AdministrationCommands.RunAsync(app.Services, app.MigrateDatabaseAsync, administration, Console.Out, Console.Error);
        }
    }

    app.MapKlachtenServer();
    if (args.Contains("--migrate"))
    {
        await app.MigrateDatabaseAsync();
        return 0;
    }

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is StartupException or OptionsValidationException or StaleDatabaseException)
{
    // One clear line naming the key, not a stack trace.
    await Console.Error.WriteLineAsync($"KlachtenWorkflow cannot start: {ex.Message}");
    return 1;
}
