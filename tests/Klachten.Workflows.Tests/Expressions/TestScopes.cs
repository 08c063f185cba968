using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Tests.Expressions;

internal static class TestScopes
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(1));

    public static ExpressionScope Create(params (string Name, JsonNode? Value)[] variables) => new()
    {
        Variables = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal),
        WorkflowInstanceId = "wf-1",
        Now = Now,
    };
}
