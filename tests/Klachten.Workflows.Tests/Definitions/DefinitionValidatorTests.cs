using Klachten.Workflows.Definitions;
using Klachten.Workflows.Tests.Support;
using static Klachten.Workflows.Tests.Definitions.TestDefinitions;

namespace Klachten.Workflows.Tests.Definitions;

public sealed class DefinitionValidatorTests
{
    private readonly DefinitionValidator _validator = new(ActivityCatalog.Default);

    public static TheoryData<string> Samples() => new(DefinitionFiles.SampleNames());

    [Fact]
    public void Validate_ValidDefinition_ReturnsNoErrors()
    {
        Assert.Empty(_validator.Validate(StartToFinish()));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Validate_Sample_ReturnsNoErrors(string fileName)
    {
        Assert.Empty(_validator.Validate(DefinitionFiles.ParseSample(fileName)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_MissingName_ReportsMissingName(string? name)
    {
        var model = StartToFinish();
        model.Name = name;

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("geen naam", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRoot_ReportsMissingRoot()
    {
        var model = StartToFinish();
        model.Root = null;

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("root", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RootNotAComposite_NamesTheRootType()
    {
        var model = StartToFinish();
        model.Root = Activity("line1", "Elsa.WriteLine");

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("'Elsa.WriteLine'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SequenceRoot_IsAccepted_AndItsEmbeddedChildrenAreChecked()
    {
        var model = StartToFinish();
        model.Root = Activity("sequence1", "Elsa.Sequence");
        Assert.Empty(_validator.Validate(model));

        var withUnknown = DefinitionJson.Parse("""
            {"id":"v","definitionId":"d","name":"Reeks","version":1,"root":{"id":"s","type":"Elsa.Sequence","activities":[
              {"id":"if1","type":"Elsa.If","then":{"id":"x","type":"Elsa.Onbekend"}}]}}
            """);

        var error = Assert.Single(_validator.Validate(withUnknown));
        Assert.Contains("'Elsa.Onbekend'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownActivityType_NamesTheType()
    {
        var model = StartToFinish();
        RootOf(model).Activities!.Add(Activity("http", "Elsa.DownloadHttpFile"));

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("'Elsa.DownloadHttpFile'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateIds_NamesTheId()
    {
        var model = StartToFinish();
        RootOf(model).Activities!.Add(Activity("start", ActivityTypes.WriteLine));

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("'start'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionToMissingActivity_NamesTheMissingTarget()
    {
        var model = StartToFinish();
        RootOf(model).Connections!.Add(Connect("start", "Done", "verdwenen"));

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("'verdwenen'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionFromMissingActivity_NamesTheMissingSource()
    {
        var model = StartToFinish();
        RootOf(model).Connections!.Add(Connect("verdwenen", "Done", "finish"));

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("'verdwenen'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PortTheTypeDoesNotHave_NamesThePort()
    {
        var model = StartToFinish();
        RootOf(model).Activities!.Add(Activity("decision", ActivityTypes.FlowDecision));
        RootOf(model).Connections!.Add(Connect("decision", "Maybe", "finish"));

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("'Maybe'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("True")]
    [InlineData("False")]
    public void Validate_FlowDecisionPort_IsAccepted(string port)
    {
        var model = StartToFinish();
        RootOf(model).Activities!.Add(Activity("decision", ActivityTypes.FlowDecision));
        RootOf(model).Connections!.Add(Connect("decision", port, "finish"));

        Assert.Empty(_validator.Validate(model));
    }

    [Fact]
    public void Validate_HumanTaskOutcomePort_IsAccepted()
    {
        var model = StartToFinish();
        RootOf(model).Activities!.Add(Activity("task", ActivityTypes.HumanTask));
        RootOf(model).Connections!.Add(Connect("task", "Niet ingetrokken", "finish"));

        Assert.Empty(_validator.Validate(model));
    }

    [Fact]
    public void Validate_ConnectionOutOfFinish_NamesTheTerminalActivity()
    {
        var model = StartToFinish();
        RootOf(model).Activities!.Add(Activity("after", ActivityTypes.WriteLine));
        RootOf(model).Connections!.Add(Connect("finish", "Done", "after"));

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains("'finish'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreThanMaxActivities_ReportsTheLimit()
    {
        var model = StartToFinish();
        RootOf(model).Activities!.AddRange(WriteLines(DefinitionValidator.MaxActivities - 1));

        var error = Assert.Single(_validator.Validate(model));

        Assert.Contains(DefinitionValidator.MaxActivities.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExactlyMaxActivities_ReturnsNoErrors()
    {
        var model = StartToFinish();
        RootOf(model).Activities!.AddRange(WriteLines(DefinitionValidator.MaxActivities - 2));

        Assert.Empty(_validator.Validate(model));
    }

    private static IEnumerable<ActivityModel> WriteLines(int count) =>
        Enumerable.Range(1, count).Select(i => Activity($"write{i}", ActivityTypes.WriteLine));
}
