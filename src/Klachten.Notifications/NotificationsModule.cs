namespace Klachten.Notifications;

/// <summary>Letters and reminders: renders Dutch templates to PDF and e-mails them. Hosted by the notification worker, or in the server for the embedded default.</summary>
public static class NotificationsModule;
