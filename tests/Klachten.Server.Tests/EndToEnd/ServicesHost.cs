using System.Globalization;
using Klachten.Archive;
using Klachten.Archive.Persistence;
using Klachten.Notifications;
using Klachten.Server.Tests.Support;
using Klachten.ServiceDefaults;
using Klachten.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>One archived document as the archive's own table holds it.</summary>
internal sealed record ArchivedLetter(Guid ComplaintId, string Kind, string Sha256, string SourceMessageId);

/// <summary>
/// The notification and archive services as their workers host them (the real modules and consumers on RabbitMQ),
/// in one generic host of the test process: on the test's virtual host, their own database (PostgreSQL, or SQLite
/// files beside the server's), e-mail to the test's SMTP server. The server's clock can be shared, so that letters
/// are sent at the manual clock's instant as in the embedded default.
/// </summary>
internal sealed class ServicesHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _postgres;

    private ServicesHost(IHost host, string? postgres)
    {
        _host = host;
        _postgres = postgres;
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<ServicesHost> StartAsync(Uri broker, TestDatabase server, int smtpPort, TimeProvider? clock = null)
    {
        string? postgres = null;
        IHost? host = null;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Klachten:Messaging:Transport"] = "RabbitMq",
                ["ConnectionStrings:RabbitMq"] = broker.ToString(),
                ["Klachten:Database:Provider"] = server.Provider.ToString(),
                ["Klachten:Notifications:Smtp:Host"] = "127.0.0.1",
                ["Klachten:Notifications:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                ["Klachten:Notifications:Smtp:Timeout"] = "00:00:10",
            };
            if (server.Provider == Provider.PostgreSql)
            {
                // One database for both services, each in its own schema, apart from the server's.
                postgres = await PostgresServer.CreateDatabaseAsync("services");
                settings["ConnectionStrings:Notifications"] = postgres;
                settings["ConnectionStrings:Archive"] = postgres;
            }
            else
            {
                settings["ConnectionStrings:Notifications"] = $"Data Source={Path.Combine(server.DataDirectory, "notifications.db")};Pooling=False";
                settings["ConnectionStrings:Archive"] = $"Data Source={Path.Combine(server.DataDirectory, "archive.db")};Pooling=False";
            }

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                EnvironmentName = "Testing",
                ContentRootPath = AppContext.BaseDirectory,
                DisableDefaults = true,
            });
            builder.Configuration.AddInMemoryCollection(settings);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }

            builder.AddNotifications();
            builder.AddArchive();
            builder.AddKlachtenBus(bus =>
            {
                bus.AddNotificationConsumers();
                bus.AddArchiveConsumers();
            });
            host = builder.Build();
            await host.Services.MigrateNotificationsDatabaseAsync();
            await host.Services.MigrateArchiveDatabaseAsync();
            await host.StartAsync();
            return new ServicesHost(host, postgres);
        }
        catch
        {
            await new ServicesHost(host!, postgres).DisposeAsync();
            throw;
        }
    }

    /// <summary>The documents the archive holds for these complaints.</summary>
    public async Task<List<ArchivedLetter>> ArchivedAsync(IEnumerable<Guid> complaintIds)
    {
        var ids = complaintIds.ToList();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        return await db.Documents.AsNoTracking().Where(d => ids.Contains(d.ComplaintId))
            .Select(d => new ArchivedLetter(d.ComplaintId, d.Kind, d.Sha256, d.SourceMessageId)).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_host is not null)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _host.StopAsync(limit.Token);
                _host.Dispose();
            }
        }
        finally
        {
            if (_postgres is not null)
            {
                await PostgresServer.DropDatabaseAsync(_postgres);
            }
        }
    }
}
