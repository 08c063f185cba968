using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Joins branches; the waiting is done by the flowchart according to the join mode.</summary>
internal sealed class FlowJoinActivity : IActivityBehavior
{
    public const string Type = "Elsa.FlowJoin";

    private static readonly IReadOnlyList<(string Value, string Text)> JoinModes =
    [
        ("WaitAny", "Wacht op de eerste tak"),
        ("WaitAll", "Wacht op alle takken"),
        ("WaitAllActive", "Wacht op alle actieve takken"),
    ];

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Samenvoeging", "Wacht op alle of op de eerste binnenkomende tak.")
    {
        Inputs = [new("Mode", "String", "Wachten op", "Op welke binnenkomende takken de samenvoeging wacht.", "dropdown", JoinModes)],
    };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
