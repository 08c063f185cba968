namespace Klachten.Workflows.Runtime;

/// <summary>Elsa's flowchart execution modes (<c>FlowchartExecutionMode</c>).</summary>
public enum FlowchartExecutionMode
{
    /// <summary>The engine's default (<see cref="WorkflowEngineOptions.DefaultFlowchartMode"/>).</summary>
    Default,

    /// <summary>Tokens on connections and merge modes (Elsa's <c>Flowchart.Tokens.cs</c>).</summary>
    TokenBased,

    /// <summary>Visit counters per connection; Elsa 3.8's default (<c>Flowchart.Counters.cs</c>).</summary>
    CounterBased,
}

/// <summary>Options of the engine.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>
    /// The instance property (Elsa's <c>Flowchart.ExecutionModePropertyKey</c>) that selects the flowchart mode for one
    /// instance; a definition may also carry it in its <c>customProperties</c>.
    /// </summary>
    public const string ExecutionModeProperty = "Flowchart:ExecutionMode";

    /// <summary>The mode of instances that select none; counter-based, as Elsa's <c>FlowchartOptions</c>.</summary>
    public FlowchartExecutionMode DefaultFlowchartMode { get; set; } = FlowchartExecutionMode.CounterBased;
}
