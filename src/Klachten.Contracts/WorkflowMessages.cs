namespace Klachten.Contracts;

/// <summary>
/// A child workflow instance to start (Elsa's DispatchWorkflow), written by the parent's step and consumed by the
/// workflow server itself, so the start survives a crash right after the parent committed.
/// </summary>
/// <param name="MessageId">Stable per activity execution.</param>
/// <param name="InstanceId">The child's instance id: a redelivery finds it and starts nothing.</param>
/// <param name="DefinitionId">The child's definition; its published version runs.</param>
/// <param name="InputJson">The child's input, a JSON object.</param>
/// <param name="CorrelationId">The child's correlation id.</param>
/// <param name="ParentInstanceId">The instance that dispatched it.</param>
/// <param name="ParentBookmarkId">The parent's bookmark to resume when the child finishes; null when it does not wait.</param>
public sealed record StartChildWorkflow(
    string MessageId,
    string InstanceId,
    string DefinitionId,
    string InputJson,
    string? CorrelationId,
    string ParentInstanceId,
    string? ParentBookmarkId);

/// <summary>
/// An event a workflow published (Elsa's PublishEvent), delivered by the workflow server itself once the publishing step
/// has committed, as <c>POST /elsa/api/events/{name}/trigger</c> does.
/// </summary>
/// <param name="MessageId">Stable per activity execution: the instances a redelivery would start already exist.</param>
/// <param name="EventName">Event name.</param>
/// <param name="CorrelationId">Only waiting instances with this correlation id; null for all.</param>
/// <param name="WorkflowInstanceId">A local event: only this instance, and no workflow starts.</param>
/// <param name="PayloadJson">The payload, a JSON object, or null.</param>
/// <param name="PublishedBy">The publishing instance.</param>
public sealed record PublishWorkflowEvent(
    string MessageId,
    string EventName,
    string? CorrelationId,
    string? WorkflowInstanceId,
    string? PayloadJson,
    string PublishedBy);
