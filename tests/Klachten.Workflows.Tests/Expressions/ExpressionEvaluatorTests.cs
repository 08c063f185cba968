using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    [Fact]
    public void Evaluate_Literal_ReturnsTheTextAsString()
    {
        var result = _evaluator.Evaluate("Literal", "42", TestScopes.Create());

        Assert.Equal("42", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_NullLiteral_ReturnsNull()
    {
        Assert.Null(_evaluator.Evaluate("Literal", null, TestScopes.Create()));
    }

    [Fact]
    public void Evaluate_SyntaxInOtherCase_IsRecognised()
    {
        var result = _evaluator.Evaluate("literal", "x", TestScopes.Create());

        Assert.Equal("x", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_Object_ReturnsParsedJson()
    {
        var result = _evaluator.Evaluate("Object", """{"naam": "Jan", "leeftijd": 40}""", TestScopes.Create());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"naam": "Jan", "leeftijd": 40}"""), result));
    }

    [Fact]
    public void Evaluate_ObjectWithInvalidJson_ThrowsExpressionException()
    {
        var exception = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("Object", "{naam:", TestScopes.Create()));

        Assert.Contains("not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_VariableByName_ReturnsItsValue()
    {
        var scope = TestScopes.Create(("Naam", "Jan"));

        var result = _evaluator.Evaluate("Variable", "Naam", scope);

        Assert.Equal("Jan", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_VariableAsElsaReference_ReturnsItsValue()
    {
        var scope = TestScopes.Create(("Naam", "Jan"));

        var result = _evaluator.Evaluate("Variable", """{"id": "a1b2", "name": "Naam", "typeName": "String"}""", scope);

        Assert.Equal("Jan", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_UnknownVariable_ReturnsNull()
    {
        Assert.Null(_evaluator.Evaluate("Variable", "Bestaat niet", TestScopes.Create()));
    }

    [Fact]
    public void Evaluate_Input_ReturnsWorkflowInput()
    {
        var scope = new ExpressionScope
        {
            Variables = new Dictionary<string, JsonNode?>(),
            WorkflowInstanceId = "wf-1",
            Input = new JsonObject { ["KlachtId"] = "K-7" },
        };

        var result = _evaluator.Evaluate("Input", "KlachtId", scope);

        Assert.Equal("K-7", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_UnknownSyntax_ThrowsExpressionExceptionNamingIt()
    {
        var exception = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("Python", "1 + 1", TestScopes.Create()));

        Assert.Contains("Unknown expression type 'Python'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ZeroTimeout_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionEvaluator(new ExpressionOptions { ScriptTimeout = TimeSpan.Zero }));
    }
}
