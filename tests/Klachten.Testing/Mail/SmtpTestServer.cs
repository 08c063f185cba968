using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Klachten.Testing.Mail;

// A real SMTP server in the test process (NuGet SmtpServer) on 127.0.0.1 and a free port. It keeps what it
// receives, refuses chosen addresses with 550, can answer 451 (try again later) for a number of messages, and can
// hold senders at MAIL FROM until released (to catch a client mid-transaction).
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Lock _holdLock = new();
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store;
    private readonly Filter _filter;

    private SmtpTestServer(int port)
    {
        Port = port;
        _store = new Store(this);
        _filter = new Filter(this);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        services.Add(_filter);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public ConcurrentBag<string> RefusedAddresses { get; } = [];

    /// <summary>Messages to this address get 451 (transient) until the count runs out.</summary>
    public ConcurrentDictionary<string, int> TransientFailures { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static SmtpTestServer Start() => new(FreePort());

    /// <summary>From now on every MAIL FROM waits (no reply) until <see cref="Release"/>.</summary>
    public void HoldAtMailFrom()
    {
        lock (_holdLock)
        {
            _gate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when a client is being held at MAIL FROM.</summary>
    public Task WaitUntilHeldAsync(TimeSpan timeout)
    {
        lock (_holdLock)
        {
            return _held.Task.WaitAsync(timeout);
        }
    }

    /// <summary>Lets held and later senders go on.</summary>
    public void Release()
    {
        lock (_holdLock)
        {
            _gate?.TrySetResult();
            _gate = null;
        }
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            foreach (var to in transaction.To.Select(t => $"{t.User}@{t.Host}"))
            {
                if (owner.TransientFailures.TryGetValue(to, out var left) && left > 0)
                {
                    owner.TransientFailures[to] = left - 1;
                    return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "try again later");
                }
            }

            using var stream = new MemoryStream(buffer.ToArray());
            owner.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpTestServer owner) : IMailboxFilter
    {
        public async Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            Task gate;
            lock (owner._holdLock)
            {
                if (owner._gate is null)
                {
                    return true;
                }

                gate = owner._gate.Task;
                owner._held.TrySetResult();
            }

            await gate.WaitAsync(cancellationToken);
            return true;
        }

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.RefusedAddresses.Contains($"{to.User}@{to.Host}", StringComparer.OrdinalIgnoreCase));
    }
}
