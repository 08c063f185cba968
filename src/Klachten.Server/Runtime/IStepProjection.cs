using Klachten.Workflows.Runtime;

namespace Klachten.Server.Runtime;

/// <summary>
/// Turns what a step produced into the rows of a feature (a case, its letters, its timeline), inside the step's unit
/// of work. Features register their projections; the runtime knows none of them.
/// </summary>
internal interface IStepProjection
{
    /// <summary>Adds the feature's rows for one step; the step writer saves and commits.</summary>
    Task ProjectAsync(StepContext step, CancellationToken cancellationToken);
}

/// <summary>One step as the projections see it.</summary>
/// <param name="Result">The engine's result: new state, journal and effects.</param>
/// <param name="Actor">The user who caused the step, where one did (cancel); null otherwise.</param>
internal sealed record StepContext(RunResult Result, string? Actor);
