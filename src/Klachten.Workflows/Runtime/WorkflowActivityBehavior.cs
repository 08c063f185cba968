using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// A workflow definition used as an activity: its inputs are evaluated in the parent and become the child's
/// <c>getInput(…)</c>; the child's root runs inside this activity; SetOutput in the child sets this activity's outputs
/// and Complete in the child completes this activity with its outcomes (Elsa's <c>WorkflowDefinitionActivity</c>).
/// Not in the catalog (its type names are the definitions' names), so the engine picks it by shape.
/// </summary>
internal sealed class WorkflowActivityBehavior : IContainerBehavior
{
    public const string InputKey = "input";
    public const string OutputKey = "output";

    // Known properties of the activity JSON that are not inputs of the child.
    private static readonly HashSet<string> NotInputs = new(StringComparer.Ordinal)
    {
        "workflowDefinitionId", "workflowDefinitionVersionId", "latestAvailablePublishedVersion", "latestAvailablePublishedVersionId", "root", "variables",
    };

    private WorkflowActivityBehavior(bool instance) => _ = instance;

    public static WorkflowActivityBehavior Instance { get; } = new(true);

    public ActivityTypeInfo Descriptor { get; } = new("Elsa.WorkflowDefinitionActivity", "Workflows", "Workflow", "Een workflow als activiteit.");

    public ContainerStep Start(ActivityContext context)
    {
        if (context.Activity.EmbeddedAt("root") is not { } root)
        {
            return ContainerStep.Faulted($"De workflow '{context.Activity.Extra?["workflowDefinitionId"]}' van activiteit '{context.Activity.Name ?? context.Activity.Id}' is niet gepubliceerd of bestaat niet.");
        }

        foreach (var variable in context.Activity.GetInput("variables") as JsonArray ?? [])
        {
            if (variable?["name"] is JsonValue name)
            {
                context.State.Variables[name.ToString()] = VariableDefinitions.Convert(variable["value"], variable["typeName"]?.ToString());
            }
        }

        var input = new JsonObject();
        foreach (var (name, value) in context.Activity.Extra ?? [])
        {
            if (!NotInputs.Contains(name) && value is JsonObject { } wrapped && wrapped.ContainsKey("expression"))
            {
                input[name] = context.Evaluate(name);
            }
        }

        context.Properties[InputKey] = input;
        context.Properties[OutputKey] = new JsonObject();
        return ContainerStep.Run(root);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes)
    {
        Publish(context);
        return ContainerStep.Complete();
    }

    /// <summary>The outputs the child set become this activity's outputs (and the variables they are bound to).</summary>
    public static void Publish(ActivityContext context)
    {
        foreach (var (name, value) in context.Properties[OutputKey] as JsonObject ?? [])
        {
            context.Outputs[name] = value?.DeepClone();
        }
    }
}
