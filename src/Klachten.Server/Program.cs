using Klachten.Server.Common;
using Klachten.Server.Hosting;
using Klachten.ServiceDefaults.Persistence;
using Microsoft.Extensions.Options;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddKlachtenServer();
    var app = builder.Build();
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
