using Klachten.Workflows.Runtime;

namespace Klachten.Server.Runtime;

internal enum StepStatus
{
    Done,
    NotFound,
    AlreadyHandled,
    Rejected,
}

/// <summary>What a start, resume, cancel or retry did; <see cref="State"/> is set when a step ran.</summary>
internal sealed record StepOutcome(StepStatus Status, WorkflowState? State = null, string? Message = null)
{
    /// <summary>The effects of the step that ran (an HTTP response a workflow wrote, for one); empty otherwise.</summary>
    public IReadOnlyList<WorkflowEffect> Effects { get; init; } = [];

    public static StepOutcome NotFound(string message) => new(StepStatus.NotFound, Message: message);

    public static StepOutcome AlreadyHandled(string message) => new(StepStatus.AlreadyHandled, Message: message);

    public static StepOutcome Rejected(string message) => new(StepStatus.Rejected, Message: message);
}
