using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Klachten.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Klachten.Server.Tests.Telemetry;

/// <summary>
/// One server (SQLite, embedded notification service on the in-memory bus) whose spans go to an in-memory exporter
/// and whose e-mail goes over SMTP to a real SMTP server in the test process; every log line is kept too.
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private SmtpServer.SmtpServer? _smtp;
    private readonly CancellationTokenSource _stop = new();
    private Task? _smtpRunning;

    public List<Activity> Spans { get; } = [];

    public ConcurrentQueue<string> Mails { get; } = new();

    public ConcurrentQueue<string> LogLines { get; } = new();

    public KlachtenFactory Factory { get; private set; } = null!;

    public IReadOnlyList<Activity> SpansSnapshot()
    {
        lock (Spans)
        {
            return [.. Spans];
        }
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var smtpServices = new SmtpServer.ComponentModel.ServiceProvider();
        smtpServices.Add(new Store(this));
        _smtp = new SmtpServer.SmtpServer(options, smtpServices);
        _smtpRunning = _smtp.StartAsync(_stop.Token);

        _database = await TestDatabase.CreateAsync(Provider.Sqlite, nameof(TelemetryFixture));
        var settings = _database.Settings();
        settings["Klachten:Notifications:Smtp:Host"] = "127.0.0.1";
        settings["Klachten:Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Klachten:Telemetry:SampleInterval"] = "00:00:00.200";
        // The procedure driver reads "today" from the dev clock endpoint, which the manual clock serves.
        settings["Klachten:Clock"] = "Manual";
        Factory = new KlachtenFactory(settings, testServices: services =>
        {
            // The exporter list is written from many threads (one span ends per request, step, message).
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(Spans)));
            services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(LogLines));
        });
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _smtp?.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _smtpRunning!;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        await _database!.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(TelemetryFixture owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            owner.Mails.Enqueue(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    // ICollection the in-memory exporter adds to, under a lock shared with SpansSnapshot.
    private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
    {
        public int Count { get { lock (inner) { return inner.Count; } } }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (inner)
            {
                inner.Add(item);
            }
        }

        public void Clear()
        {
            lock (inner)
            {
                inner.Clear();
            }
        }

        public bool Contains(Activity item)
        {
            lock (inner)
            {
                return inner.Contains(item);
            }
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (inner)
            {
                inner.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(Activity item)
        {
            lock (inner)
            {
                return inner.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator()
        {
            lock (inner)
            {
                return inner.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    // Every log line with its structured values, as a sink would receive them.
    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception?.Message}");
            }
        }
    }
}
