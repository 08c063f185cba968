using Klachten.Notifications;
using Klachten.ServiceDefaults;
using Microsoft.Extensions.Options;

// Sends the letters: consumes SendLetter and SendReminder, renders PDFs, e-mails them, reports LetterSent/LetterFailed.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddNotifications();
    builder.AddKlachtenBus(bus => bus.AddNotificationConsumers());
    var app = builder.Build();
    app.MapDefaultEndpoints();
    if (args.Contains("--migrate") || app.Environment.IsDevelopment())
    {
        await app.Services.MigrateNotificationsDatabaseAsync();
        if (args.Contains("--migrate"))
        {
            // The deployment step before a rolling restart: apply the inbox's migrations and exit.
            return 0;
        }
    }

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException { Source: "Klachten.ServiceDefaults" })
{
    // One clear line naming the key, not a stack trace.
    await Console.Error.WriteLineAsync($"Klachten.NotificationWorker cannot start: {ex.Message}");
    return 1;
}
