namespace Klachten.NotificationWorker;

/// <summary>Names this host's assembly for test factories; both workers' top-level Program types share a name.</summary>
public sealed class NotificationWorkerHost;
