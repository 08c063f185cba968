using System.Text.Json.Nodes;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>The cases of Switch and FlowSwitch: <c>cases: [{ label, condition: {type, value}, activity? }]</c>, <c>mode</c>.</summary>
internal static class SwitchCases
{
    /// <summary>The indexes of the matching cases: every condition is evaluated, in order (as Elsa does); MatchFirst keeps the first.</summary>
    public static List<int> Matching(ActivityContext context)
    {
        var cases = context.Activity.GetInput("cases") as JsonArray ?? [];
        var matches = new List<int>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (context.IsTrue((cases[i] as JsonObject)?["condition"]))
            {
                matches.Add(i);
            }
        }

        var matchAny = string.Equals(context.GetString("mode"), "MatchAny", StringComparison.OrdinalIgnoreCase);
        return matchAny ? matches : [.. matches.Take(1)];
    }

    public static string Label(ActivityContext context, int index) =>
        ((context.Activity.GetInput("cases") as JsonArray)?[index] as JsonObject)?["label"]?.ToString() ?? string.Empty;
}
