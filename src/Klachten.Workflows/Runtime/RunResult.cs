namespace Klachten.Workflows.Runtime;

/// <summary>The outcome of one engine step: the new state (with its bookmarks), new journal lines and the effects to apply.</summary>
/// <param name="State">The instance state after the step.</param>
/// <param name="Journal">Journal lines written in this step.</param>
/// <param name="Effects">Effects the host applies in the same transaction.</param>
public sealed record RunResult(WorkflowState State, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<WorkflowEffect> Effects);
