using System.Globalization;

namespace Klachten.Bench.Messaging;

/// <summary>The built notification worker (same configuration as the server) as a child process, e-mailing over SMTP.</summary>
internal static class WorkerNode
{
    public static async Task<ServerNode> StartAsync(string serverDll, string rabbitMq, string database, int smtpPort)
    {
        // src/Klachten.Server/bin/<Configuration>/net10.0/Klachten.Server.dll -> the worker's output of the same configuration.
        var output = Path.GetDirectoryName(serverDll)!;
        var framework = Path.GetFileName(output);
        var configuration = Path.GetFileName(Path.GetDirectoryName(output)!);
        var source = Path.GetFullPath(Path.Combine(output, "..", "..", "..", ".."));
        var dll = Path.Combine(source, "Klachten.NotificationWorker", "bin", configuration, framework, "Klachten.NotificationWorker.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Notification worker not built at {dll}.");
        }

        var worker = ServerNode.Start(dll, new Dictionary<string, string?>
        {
            ["Klachten:Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:RabbitMq"] = rabbitMq,
            ["Klachten:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Notifications"] = database,
            ["Klachten:Notifications:PickupDirectory"] = string.Empty,
            ["Klachten:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Klachten:Notifications:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        try
        {
            await worker.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }
}
