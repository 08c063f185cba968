using Klachten.Notifications.Mail;
using Klachten.Notifications.Messaging;
using Klachten.Notifications.Persistence;
using Klachten.Notifications.Rendering;
using Klachten.ServiceDefaults.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klachten.Notifications;

/// <summary>Letters and reminders: renders Dutch templates to PDF and e-mails them. Hosted by the notification worker, or in the server for the embedded default.</summary>
public static class NotificationsModule
{
    /// <summary>Adds the options (validated at start), the renderer, the mail transport and the inbox database.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<NotificationOptions>()
            .Bind(builder.Configuration.GetSection(NotificationOptions.SectionName))
            .PostConfigure(o =>
            {
                o.TemplatesDirectory = Folder(o.TemplatesDirectory, contentRoot, "Templates");
                o.DocumentsDirectory = Folder(o.DocumentsDirectory, contentRoot, "Documents");
                o.PickupDirectory = string.IsNullOrWhiteSpace(o.PickupDirectory) ? null : Path.GetFullPath(Path.Combine(contentRoot, o.PickupDirectory));
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LetterTemplates>();
        builder.Services.AddSingleton<LetterRenderer>();
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddSingleton<MailTransport>();
        builder.Services.AddScoped<InboxDeliveries>();
        builder.AddNotificationsDatabase();
        return builder;
    }

    /// <summary>Registers the consumers of <c>SendLetter</c>, <c>SendReminder</c>, <c>SendEmail</c> and of letters' faults on the bus (or the mediator).</summary>
    public static T AddNotificationConsumers<T>(this T bus)
        where T : IRegistrationConfigurator
    {
        bus.AddConsumer<SendLetterConsumer>();
        bus.AddConsumer<SendReminderConsumer>();
        bus.AddConsumer<SendEmailConsumer>();
        bus.AddConsumer<SendLetterFaultConsumer>();
        return bus;
    }

    /// <summary>Applies the notification tables' migrations (at start in Development, or by <c>--migrate</c>).</summary>
    public static Task MigrateNotificationsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.MigrateServiceDatabaseAsync<NotificationsDbContext>(cancellationToken);

    // Relative folders count from the content root; without a setting, the folder shipped next to the binaries.
    private static string Folder(string? configured, string contentRoot, string shipped) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, shipped)
            : Path.GetFullPath(Path.Combine(contentRoot, configured));
}
