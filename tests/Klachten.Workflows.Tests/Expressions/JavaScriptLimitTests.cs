using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Tests.Expressions;

/// <summary>Scripts that misbehave fail with an <see cref="ExpressionException"/> instead of hanging or crashing the server.</summary>
public sealed class JavaScriptLimitTests
{
    private static readonly ExpressionOptions Short = new() { ScriptTimeout = TimeSpan.FromMilliseconds(200) };

    private static ExpressionException Fail(string script, ExpressionOptions? options = null) =>
        Assert.Throws<ExpressionException>(() => new ExpressionEvaluator(options ?? Short).Evaluate("JavaScript", script, TestScopes.Create()));

    [Fact]
    public void Evaluate_EndlessLoop_ThrowsTimeLimitException()
    {
        Assert.Contains("time limit", Fail("while(true){}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EndlessLoopWithoutStatementBudget_StopsAtTimeout()
    {
        var exception = Fail("while(true){}", Short with { MaxStatements = int.MaxValue });

        Assert.Contains("time limit of 200 ms", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MemoryBomb_ThrowsExpressionException()
    {
        Fail("var a=[]; while(true){a.push(new Array(100000).join('x'))}");
    }

    [Fact]
    public void Evaluate_LargeAllocations_ThrowsMemoryLimitException()
    {
        var exception = Fail("var s = 'x'.repeat(1000000); var a = []; while (true) { a.push(s + a.length) }",
            ExpressionOptions.Default with { MaxMemoryBytes = 8L * 1024 * 1024 });

        Assert.Contains("memory limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeepRecursion_ThrowsRecursionLimitException()
    {
        Assert.Contains("recursion limit", Fail("function f(n) { return f(n + 1) + 1 } f(0)").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StringifyOfDeeplyNestedArray_ThrowsInsteadOfOverflowingTheStack()
    {
        var exception = Fail("var a = []; for (var i = 0; i < 50000; i++) a = [a]; JSON.stringify(a).length", ExpressionOptions.Default);

        Assert.Contains("Maximum call stack size exceeded", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CatastrophicRegex_ThrowsTimeLimitException()
    {
        var exception = Fail("/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab')");

        Assert.Contains("time limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SyntaxError_ThrowsWithParserMessage()
    {
        var exception = Fail("var = ;");

        Assert.StartsWith("JavaScript syntax error: Unexpected token", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThrownError_ThrowsWithScriptMessage()
    {
        Assert.Contains("Error: kapot", Fail("throw new Error('kapot')").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UndefinedReference_ThrowsReferenceError()
    {
        Assert.Contains("ReferenceError: onbekend is not defined", Fail("onbekend + 1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AssignmentToUndeclaredName_ThrowsBecauseScriptsAreStrict()
    {
        Assert.Contains("ReferenceError", Fail("teller = 1").Message, StringComparison.Ordinal);
    }
}
