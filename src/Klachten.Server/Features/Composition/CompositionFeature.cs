using Klachten.Contracts;
using Klachten.Server.Messaging;
using Klachten.Server.Runtime;
using Klachten.Workflows.Runtime;
using MassTransit;

namespace Klachten.Server.Features.Composition;

/// <summary>
/// Workflows that start workflows and publish events (Elsa's ExecuteWorkflow, DispatchWorkflow, PublishEvent). The
/// children and parents run in <see cref="WorkflowRuntime"/>; what must happen after a step commits goes through the
/// outbox to this server's own consumers, so it survives a crash between the commit and the delivery.
/// </summary>
internal static class CompositionFeature
{
    public static IHostApplicationBuilder AddComposition(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStepProjection, PublishedEventProjection>();
        return builder;
    }

    /// <summary>The consumers of the messages workflows send to this server, on the bus or the in-process mediator.</summary>
    public static void AddCompositionConsumers(IRegistrationConfigurator consumers)
    {
        consumers.AddConsumer<StartChildWorkflowConsumer>();
        consumers.AddConsumer<PublishWorkflowEventConsumer>();
    }
}

/// <summary>Each event a step published becomes a <see cref="PublishWorkflowEvent"/> in the outbox, committed with the step.</summary>
internal sealed class PublishedEventProjection(OutboxWriter outbox) : IStepProjection
{
    public Task ProjectAsync(StepContext step, CancellationToken cancellationToken)
    {
        var instanceId = step.Result.State.Id;
        foreach (var published in step.Result.Effects.OfType<EventPublished>())
        {
            outbox.Add(published.MessageId, new PublishWorkflowEvent(published.MessageId, published.EventName, published.CorrelationId,
                published.WorkflowInstanceId, published.Payload?.ToJsonString(), instanceId), instanceId);
        }

        return Task.CompletedTask;
    }
}
