using Klachten.Workflows.Expressions;
using Klachten.Workflows.Expressions.JavaScript;
using Klachten.Workflows.Expressions.Liquid;

namespace Klachten.Workflows.Tests.Expressions;

public sealed class ExpressionCacheTests
{
    [Fact]
    public void Evaluate_SameScriptForTwoInstances_PreparesItOnce()
    {
        var evaluator = new JavaScriptEvaluator(ExpressionOptions.Default);

        evaluator.Evaluate("1 + 1", TestScopes.Create());
        evaluator.Evaluate("1 + 1", TestScopes.Create());

        Assert.Equal(1, evaluator.Scripts.Count);
    }

    [Fact]
    public void Evaluate_MoreScriptsThanCacheSize_KeepsCacheBounded()
    {
        var evaluator = new JavaScriptEvaluator(ExpressionOptions.Default with { CacheSize = 2 });

        foreach (var script in new[] { "1", "2", "3" })
            evaluator.Evaluate(script, TestScopes.Create());

        Assert.Equal(2, evaluator.Scripts.Count);
    }

    [Fact]
    public void Evaluate_SameTemplateForTwoInstances_ParsesItOnce()
    {
        var evaluator = new LiquidEvaluator(ExpressionOptions.Default);

        evaluator.Evaluate("{{ WorkflowInstanceId }}", TestScopes.Create());
        evaluator.Evaluate("{{ WorkflowInstanceId }}", TestScopes.Create());

        Assert.Equal(1, evaluator.Templates.Count);
    }
}
