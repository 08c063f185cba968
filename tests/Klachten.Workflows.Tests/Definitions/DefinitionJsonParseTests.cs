using Klachten.Workflows.Definitions;
using Klachten.Workflows.Tests.Support;

namespace Klachten.Workflows.Tests.Definitions;

public sealed class DefinitionJsonParseTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("geen json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"name": "Test", "version": "één"}""")]
    [InlineData("""{"name": "Test", "root": {"id": "f", "type": "Elsa.Flowchart", "activities": {}}}""")]
    public void Parse_MalformedJson_ThrowsDefinitionFormatException(string json)
    {
        Assert.Throws<DefinitionFormatException>(() => DefinitionJson.Parse(json));
    }

    [Fact]
    public void Parse_MalformedJson_GivesDutchMessage()
    {
        var exception = Assert.Throws<DefinitionFormatException>(() => DefinitionJson.Parse("{"));

        Assert.StartsWith("De definitie is geen geldige workflowdefinitie (JSON)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingDeeperThanMaxDepth_ThrowsDefinitionFormatException()
    {
        var json = """{"name": "Test", "customProperties": """ + string.Concat(Enumerable.Repeat("""{"a": """, 100))
            + "1" + new string('}', 101);

        Assert.Throws<DefinitionFormatException>(() => DefinitionJson.Parse(json));
    }

    [Fact]
    public void Parse_StudioSample_ReadsActivityInputsIntoExtra()
    {
        var model = DefinitionFiles.ParseSample("studio-save-klachten-activities.json");

        var task = model.Root!.Activities!.Single(a => a.Name == "HumanTask1");

        Assert.Equal("directeur", (string?)task.GetInput("role")!["expression"]!["value"]);
    }

    [Fact]
    public void Parse_PascalCasePropertyNames_AreRead()
    {
        var model = DefinitionJson.Parse("""{"Name": "Test", "DefinitionId": "d", "Root": {"Id": "f", "Type": "Elsa.Flowchart"}}""");

        Assert.Equal(("Test", "d", ActivityTypes.Flowchart), (model.Name, model.DefinitionId, model.Root?.Type));
    }
}
