using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Features.Instances;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Klachten.Workflows.Runtime;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Composition;

/// <summary>
/// Starts a dispatched child instance under the id its parent chose: a redelivery finds it and does nothing. When the
/// workflow lost its published version in between, a waiting parent's activity faults, as Elsa's would have at once.
/// </summary>
internal sealed class StartChildWorkflowConsumer(IServiceScopeFactory scopes, ILogger<StartChildWorkflowConsumer> logger) : IConsumer<StartChildWorkflow>
{
    public async Task Consume(ConsumeContext<StartChildWorkflow> context)
    {
        var message = context.Message;
        // A scope of its own: the in-process relay delivers from its scope, whose database context must stay its own.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        if (await db.WorkflowInstances.AnyAsync(i => i.Id == message.InstanceId, context.CancellationToken))
        {
            return;
        }

        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        var input = JsonNode.Parse(message.InputJson) as JsonObject;
        var outcome = await runtime.StartAsync(message.DefinitionId, input, message.CorrelationId, context.CancellationToken, message.InstanceId,
            parent: new ParentLink(message.ParentInstanceId, message.ParentBookmarkId));
        if (outcome.Status != StepStatus.NotFound)
        {
            return;
        }

        logger.LogWarning("Dispatched child workflow {DefinitionId} of {ParentInstanceId} has no published version", message.DefinitionId, message.ParentInstanceId);
        if (message.ParentBookmarkId is { } bookmarkId)
        {
            await runtime.ResumeAsync(bookmarkId, ChildWorkflowFault.Input(outcome.Message!), guard: null, context.CancellationToken);
        }
    }
}

/// <summary>Delivers an event a workflow published, as <c>POST /events/{name}/trigger</c> does; instances it starts get ids derived from the message.</summary>
internal sealed class PublishWorkflowEventConsumer(IServiceScopeFactory scopes) : IConsumer<PublishWorkflowEvent>
{
    public async Task Consume(ConsumeContext<PublishWorkflowEvent> context)
    {
        var message = context.Message;
        await using var scope = scopes.CreateAsyncScope();
        var payload = message.PayloadJson is null ? null : JsonNode.Parse(message.PayloadJson) as JsonObject;
        await EventDelivery.DeliverAsync(scope.ServiceProvider.GetRequiredService<KlachtenDbContext>(), scope.ServiceProvider.GetRequiredService<WorkflowRuntime>(),
            message.EventName, message.CorrelationId, message.WorkflowInstanceId, payload, startSeed: message.MessageId, context.CancellationToken);
    }
}
