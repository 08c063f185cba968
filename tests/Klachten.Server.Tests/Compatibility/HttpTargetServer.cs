using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) that workflows send requests to. Paths are <c>/{key}/{behaviour}</c>:
/// every request is recorded under its key, so a test counts exactly what reached it. Behaviours: <c>ok</c> (200,
/// JSON), <c>missing</c> (404), <c>echo</c> (201, JSON), <c>slow</c> (answers only when the caller gives up).
/// </summary>
public sealed class HttpTargetServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedRequest>> _received = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received(string key) => _received.TryGetValue(key, out var list) ? [.. list] : [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Map("/{key}/{behaviour}", HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, string key, string behaviour)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _received.GetOrAdd(key, _ => new()).Enqueue(new ReceivedRequest(
            context.Request.Method, context.Request.ContentType, body,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        switch (behaviour)
        {
            case "ok":
                context.Response.Headers["X-Bron"] = "doel";
                await context.Response.WriteAsJsonAsync(new { naam = "Karin", nummer = 7 });
                break;
            case "missing":
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("niet hier");
                break;
            case "echo":
                context.Response.StatusCode = 201;
                await context.Response.WriteAsJsonAsync(new { ontvangen = body });
                break;
            case "slow":
                // No answer: the request stays open until the caller gives up (its timeout), as the test wants.
                var abandoned = new TaskCompletionSource();
                await using (context.RequestAborted.Register(() => abandoned.TrySetResult()))
                {
                    await abandoned.Task;
                }

                break;
            default:
                context.Response.StatusCode = 400;
                break;
        }
    }
}

/// <summary>One request as the target server saw it.</summary>
public sealed record ReceivedRequest(string Method, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers);
