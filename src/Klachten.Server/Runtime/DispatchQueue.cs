using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Klachten.Server.Runtime;

/// <summary>Elsa's "dispatch": start an instance in the background and answer at once with its id.</summary>
internal sealed class DispatchQueue(IServiceScopeFactory scopes, ILogger<DispatchQueue> logger) : BackgroundService
{
    private readonly Channel<(string DefinitionId, string InstanceId, JsonObject? Input, string? CorrelationId)> _queue =
        Channel.CreateBounded<(string, string, JsonObject?, string?)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(string definitionId, string instanceId, JsonObject? input, string? correlationId, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync((definitionId, instanceId, input, correlationId), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (definitionId, instanceId, input, correlationId) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(definitionId, input, correlationId, stoppingToken, instanceId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Dispatched start of {DefinitionId} as {WorkflowInstanceId} failed", definitionId, instanceId);
            }
        }
    }
}
