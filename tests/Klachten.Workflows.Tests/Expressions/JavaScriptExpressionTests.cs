using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Tests.Expressions;

public sealed class JavaScriptExpressionTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    private JsonNode? Run(string script, ExpressionScope? scope = null) => _evaluator.Evaluate("JavaScript", script, scope ?? TestScopes.Create());

    [Fact]
    public void Evaluate_Arithmetic_ReturnsNumber()
    {
        Assert.Equal(7, Run("1 + 2 * 3")!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_SeveralStatements_ReturnsCompletionValueOfTheLast()
    {
        Assert.Equal("groot", Run("var n = 12; if (n > 10) { 'groot' } else { 'klein' }")!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ResultObject_ReturnsJsonObject()
    {
        var result = Run("({ naam: 'Jan', codes: [1, 2], leeg: null, weg: undefined })");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"naam": "Jan", "codes": [1, 2], "leeg": null}"""), result));
    }

    [Fact]
    public void Evaluate_ResultArray_ReturnsJsonArray()
    {
        var result = Run("[1, 'twee', true]");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[1, "twee", true]"""), result));
    }

    [Fact]
    public void Evaluate_ResultUndefined_ReturnsNull()
    {
        Assert.Null(Run("var x = 1;"));
    }

    [Fact]
    public void Evaluate_ResultDate_ReturnsIsoString()
    {
        Assert.Equal("2024-02-29T12:00:00.000Z", Run("new Date(Date.UTC(2024, 1, 29, 12))")!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_NewDate_UsesScopeNow()
    {
        var result = Run("new Date().toISOString()");

        Assert.Equal(TestScopes.Now, DateTimeOffset.Parse(result!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Evaluate_DateNow_UsesScopeNow()
    {
        Assert.Equal(TestScopes.Now.ToUnixTimeMilliseconds(), Run("Date.now()")!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_GetVariable_ReturnsVariableAsJavaScriptObject()
    {
        var scope = TestScopes.Create(("Klacht", JsonNode.Parse("""{"status": "open", "dagen": 3}""")));

        Assert.Equal(4, Run("getVariable('Klacht').dagen + 1", scope)!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_SetVariable_StoresValueInScope()
    {
        var scope = TestScopes.Create();

        Run("setVariable('Teller', { waarde: 5 })", scope);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"waarde": 5}"""), scope.Variables["Teller"]));
    }

    [Fact]
    public void Evaluate_SetVariableThenGetVariable_ReadsNewValue()
    {
        var scope = TestScopes.Create(("Teller", 1));

        Assert.Equal(2, Run("setVariable('Teller', getVariable('Teller') + 1); getVariable('Teller')", scope)!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_VariablesProperty_ReadsVariable()
    {
        var scope = TestScopes.Create(("Naam", "Jan"));

        Assert.Equal("Jan", Run("variables.Naam", scope)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_AssignmentToVariablesProperty_StoresValueInScope()
    {
        var scope = TestScopes.Create(("Teller", 1));

        Run("variables.Teller = 5", scope);

        Assert.Equal(5, scope.Variables["Teller"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_ChangeInsideVariableObject_StoresChangedObject()
    {
        var scope = TestScopes.Create(("Klacht", JsonNode.Parse("""{"status": "nieuw"}""")));

        Run("variables.Klacht.status = 'open'", scope);

        Assert.Equal("open", scope.Variables["Klacht"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ObjectKeysOfVariables_ListsVariableNames()
    {
        var scope = TestScopes.Create(("Naam", "Jan"), ("Teller", 1));

        Assert.Equal("Naam,Teller", Run("Object.keys(variables).sort().join(',')", scope)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_GeneratedAccessors_ReadAndWriteVariable()
    {
        var scope = TestScopes.Create(("teller", 1));

        Run("setTeller(getTeller() + 41)", scope);

        Assert.Equal(42, scope.Variables["teller"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_SetCorrelationId_ChangesScope()
    {
        var scope = TestScopes.Create();

        Run("setCorrelationId('K-2025-001')", scope);

        Assert.Equal("K-2025-001", scope.CorrelationId);
    }

    [Fact]
    public void Evaluate_AssignmentToCorrelationId_ChangesScope()
    {
        var scope = TestScopes.Create();

        Run("correlationId = 'K-9'", scope);

        Assert.Equal("K-9", scope.CorrelationId);
    }

    [Fact]
    public void Evaluate_GetInput_ReturnsWorkflowInput()
    {
        var scope = new ExpressionScope
        {
            Variables = new Dictionary<string, JsonNode?>(),
            WorkflowInstanceId = "wf-1",
            Input = new JsonObject { ["Bedrag"] = 250 },
        };

        Assert.Equal(500, Run("getInput('Bedrag') * 2", scope)!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_InputGlobal_ReadsWorkflowInput()
    {
        var scope = new ExpressionScope
        {
            Variables = new Dictionary<string, JsonNode?>(),
            WorkflowInstanceId = "wf-1",
            Input = new JsonObject { ["Bedrag"] = 250 },
        };

        Assert.Equal(250, Run("input.Bedrag", scope)!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_WorkflowInstanceIdGlobals_ReturnScopeId()
    {
        Assert.Equal("wf-1|wf-1", Run("workflowInstanceId + '|' + getWorkflowInstanceId()")!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_GetOutputFrom_ReturnsActivityOutput()
    {
        var scope = new ExpressionScope
        {
            Variables = new Dictionary<string, JsonNode?>(),
            WorkflowInstanceId = "wf-1",
            ActivityOutputs = new Dictionary<string, JsonObject> { ["Beoordeel"] = new() { ["Result"] = "Gegrond" } },
        };

        Assert.Equal("Gegrond", Run("getOutputFrom('Beoordeel')", scope)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_IsNullOrWhiteSpace_FollowsDotNetSemantics()
    {
        Assert.Equal("true,true,false", Run("[isNullOrWhiteSpace(null), isNullOrWhiteSpace('  '), isNullOrWhiteSpace('x')].join(',')")!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ClrNamespaces_AreNotReachable()
    {
        Assert.Equal("undefined,undefined", Run("[typeof System, typeof importNamespace].join(',')")!.GetValue<string>());
    }
}
