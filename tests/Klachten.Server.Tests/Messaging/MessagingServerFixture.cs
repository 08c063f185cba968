using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// One server with the RabbitMQ transport per test class, on the manual clock, with a virtual host of its own on the
/// shared broker and the test's <see cref="LetterRecorder"/> on it.
/// </summary>
public abstract class MessagingServerFixture(Provider provider) : IAsyncLifetime
{
    private RabbitMqVhost? _vhost;
    private TestDatabase? _database;

    internal LetterRecorder Recorder { get; private set; } = null!;

    /// <summary>The virtual host the server and the recorder use.</summary>
    internal RabbitMqVhost Vhost => _vhost!;

    public KlachtenFactory Factory { get; private set; } = null!;

    /// <summary>The server's PostgreSQL database.</summary>
    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        try
        {
            _vhost = await RabbitMqVhost.CreateOnSharedBrokerAsync("messaging");
            Recorder = await LetterRecorder.StartAsync(_vhost.Uri);
            _database = await TestDatabase.CreateAsync(provider, GetType().Name);
            Factory = new KlachtenFactory(MessagingSettings.For(_database, _vhost.Uri));
            _ = Factory.Server;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await MessagingSettings.DisposeAllAsync(Factory, Recorder, _database, _vhost);
        (Factory, Recorder, _database, _vhost) = (null!, null!, null, null);
    }
}

public sealed class SqliteMessagingServerFixture() : MessagingServerFixture(Provider.Sqlite);

public sealed class PostgreSqlMessagingServerFixture() : MessagingServerFixture(Provider.PostgreSql);

/// <summary>What the messaging tests share: server settings, outbox reads and an orderly clean-up.</summary>
internal static class MessagingSettings
{
    public static Dictionary<string, string?> For(TestDatabase database, Uri broker)
    {
        var settings = database.Settings();
        settings["Klachten:Clock"] = "Manual";
        settings["Klachten:Messaging:Transport"] = "RabbitMq";
        settings["ConnectionStrings:RabbitMq"] = broker.ToString();
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    public static async Task<List<OutboxMessageEntity>> OutboxAsync(KlachtenFactory factory, string messageType = "SendLetter")
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == messageType).ToListAsync();
    }

    /// <summary>Disposes in order, each step even when an earlier one failed, and reports the first failure.</summary>
    public static async Task DisposeAllAsync(params IAsyncDisposable?[] resources)
    {
        var failures = new List<Exception>();
        foreach (var resource in resources)
        {
            try
            {
                if (resource is not null)
                {
                    await resource.DisposeAsync();
                }
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Clean-up failed", failures);
        }
    }
}
