using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Tests.Expressions;

public sealed class LiquidExpressionTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    private string? Render(string template, ExpressionScope? scope = null) =>
        _evaluator.Evaluate("Liquid", template, scope ?? TestScopes.Create())?.GetValue<string>();

    [Fact]
    public void Evaluate_TemplateWithVariable_RendersVariable()
    {
        var scope = TestScopes.Create(("Naam", "Jan"));

        Assert.Equal("Beste Jan,", Render("Beste {{ Variables.Naam }},", scope));
    }

    [Fact]
    public void Evaluate_CamelCaseVariables_RendersVariable()
    {
        var scope = TestScopes.Create(("Klacht", JsonNode.Parse("""{"nummer": 12}""")));

        Assert.Equal("Klacht 12", Render("Klacht {{ variables.Klacht.nummer }}", scope));
    }

    [Fact]
    public void Evaluate_InstanceAndCorrelationId_AreAvailable()
    {
        var scope = TestScopes.Create();
        scope.CorrelationId = "K-1";

        Assert.Equal("wf-1/K-1", Render("{{ WorkflowInstanceId }}/{{ CorrelationId }}", scope));
    }

    [Fact]
    public void Evaluate_Input_IsAvailable()
    {
        var scope = new ExpressionScope
        {
            Variables = new Dictionary<string, JsonNode?>(),
            WorkflowInstanceId = "wf-1",
            Input = new JsonObject { ["Afzender"] = "Piet" },
        };

        Assert.Equal("Piet", Render("{{ Input.Afzender }}", scope));
    }

    [Fact]
    public void Evaluate_DateOfNow_UsesScopeNow()
    {
        Assert.Equal("2025-03-14 08:26", Render("{{ 'now' | date: '%Y-%m-%d %H:%M' }}"));
    }

    [Fact]
    public void Evaluate_Base64Filter_EncodesText()
    {
        Assert.Equal("amFu", Render("{{ 'jan' | base64 }}"));
    }

    [Fact]
    public void Evaluate_EmptyTemplate_ReturnsNull()
    {
        Assert.Null(_evaluator.Evaluate("Liquid", "  ", TestScopes.Create()));
    }

    [Fact]
    public void Evaluate_SyntaxError_ThrowsExpressionException()
    {
        var exception = Assert.Throws<ExpressionException>(() => Render("{{ Variables.Naam | upcase "));

        Assert.StartsWith("Liquid syntax error", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LoopsAndConditions_RenderAsUsual()
    {
        var scope = TestScopes.Create(("Codes", JsonNode.Parse("""["a", "b", "c"]""")));
        const string template = "{% for c in Variables.Codes %}{% if forloop.last %}{{ c | upcase }}{% else %}{{ c }},{% endif %}{% endfor %}"
            + "{% capture n %}{% for i in (1..3) %}{{ i }}{% endfor %}{% endcapture %}|{{ n }}";

        Assert.Equal("a,b,C|123", Render(template, scope));
    }

    [Fact]
    public void Evaluate_TooManyLoopSteps_StopsAtStepLimit()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionOptions { LiquidMaxSteps = 1000 });

        var exception = Assert.Throws<ExpressionException>(
            () => evaluator.Evaluate("Liquid", "{% for i in (1..900) %}{% for j in (1..900) %}x{% endfor %}{% endfor %}", TestScopes.Create()));

        Assert.Contains("limit of 1,000 steps", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HugeRange_ThrowsBeforeBuildingIt()
    {
        var exception = Assert.Throws<ExpressionException>(() => Render("{% for i in (1..2000000000) %}x{% endfor %}"));

        Assert.Contains("has more than 100,000 items", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StringDoublingThroughFilters_StopsAtMemoryLimit()
    {
        var template = "{% assign s = 'xxxxxxxxxxxxxxxx' %}" + string.Concat(Enumerable.Repeat("{% assign s = s | append: s %}", 40)) + "{{ s | size }}";

        var exception = Assert.Throws<ExpressionException>(() => Render(template));

        Assert.Contains("memory limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StringDoublingThroughCapture_StopsAtMemoryLimit()
    {
        var template = "{% assign s = 'xxxxxxxxxxxxxxxx' %}" + string.Concat(Enumerable.Repeat("{% capture s %}{{ s }}{{ s }}{% endcapture %}", 40)) + "{{ s | size }}";

        var exception = Assert.Throws<ExpressionException>(() => Render(template));

        Assert.Contains("memory limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Include_ThrowsBecauseTemplatesCannotReadFiles()
    {
        Assert.Throws<ExpressionException>(() => Render("{% include 'geheim' %}"));
    }
}
