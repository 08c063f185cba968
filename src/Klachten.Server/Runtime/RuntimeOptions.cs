using System.ComponentModel.DataAnnotations;

namespace Klachten.Server.Runtime;

internal sealed class RuntimeOptions
{
    public const string SectionName = "Klachten:Runtime";

    /// <summary>Timers claimed per round; each fires in its own transaction.</summary>
    [Range(1, 10_000)]
    public int TimerBatchSize { get; set; } = 200;

    /// <summary>How long a claim protects a timer from other nodes; a node that dies frees its timers after this.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan TimerLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest sleep between rounds when nothing wakes the loop.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers fired in parallel within one claimed batch.</summary>
    [Range(1, 64)]
    public int TimerParallelism { get; set; } = 4;

    /// <summary>
    /// How flowcharts run when neither the instance nor its definition (<c>customProperties["Flowchart:ExecutionMode"]</c>)
    /// says: counter-based, Elsa 3.8's default, or token-based.
    /// </summary>
    public Klachten.Workflows.Runtime.FlowchartExecutionMode FlowchartMode { get; set; } = Klachten.Workflows.Runtime.FlowchartExecutionMode.CounterBased;

    /// <summary>This node's name in timer claims.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
}
