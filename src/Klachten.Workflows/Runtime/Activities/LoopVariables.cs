using System.Text.Json.Nodes;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Elsa gives a loop's body the variables <c>CurrentValue</c> (and <c>CurrentIndex</c> for ForEach), so scripts in it
/// read <c>getCurrentValue()</c>. We keep them with the instance's variables: the innermost loop's values win.
/// </summary>
internal static class LoopVariables
{
    public static void Set(ActivityContext context, JsonNode? value, int? index)
    {
        context.State.Variables["CurrentValue"] = value?.DeepClone();
        if (index is { } i)
        {
            context.State.Variables["CurrentIndex"] = i;
        }
    }
}
