namespace Klachten.Workflows.Definitions;

/// <summary>Elsa's activity kinds.</summary>
public enum ActivityKind
{
    /// <summary>Does something and completes.</summary>
    Action,

    /// <summary>Can start a workflow.</summary>
    Trigger,

    /// <summary>Long-running work.</summary>
    Job,

    /// <summary>Work done outside the engine.</summary>
    Task,
}
