using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Tests.Support;

namespace Klachten.Workflows.Tests.Definitions;

public sealed class DefinitionJsonRoundTripTests
{
    public static TheoryData<string> Samples() => new(DefinitionFiles.SampleNames());

    [Theory]
    [MemberData(nameof(Samples))]
    public void Serialize_ParsedSample_IsSemanticallyEqualToInput(string fileName)
    {
        var json = DefinitionFiles.ReadSample(fileName);

        var written = DefinitionJson.Serialize(DefinitionJson.Parse(json));

        JsonComparison.AssertSemanticallyEqual(JsonNode.Parse(json), JsonNode.Parse(written));
    }

    [Fact]
    public void Serialize_UnknownTopLevelProperties_AreKept()
    {
        const string json = """
            {"$schema": "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json",
             "name": "Test", "version": 1, "materializerName": "Json",
             "links": [{"href": "/workflow-definitions/x/publish", "rel": "publish", "method": "POST"}]}
            """;

        var written = JsonNode.Parse(DefinitionJson.Serialize(DefinitionJson.Parse(json)))!;

        Assert.Equal("https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json", (string?)written["$schema"]);
        Assert.Equal("Json", (string?)written["materializerName"]);
        Assert.Equal("publish", (string?)written["links"]![0]!["rel"]);
    }

    [Fact]
    public void Serialize_UnknownActivityProperties_AreKept()
    {
        const string json = """
            {"name": "Test", "version": 1, "root": {"id": "f", "type": "Elsa.Flowchart", "version": 1,
             "activities": [{"id": "a", "type": "Elsa.Start", "version": 1,
                             "canStartWorkflow": true, "runAsynchronously": false, "source": "Start.cs:12"}],
             "connections": []}}
            """;

        var written = JsonNode.Parse(DefinitionJson.Serialize(DefinitionJson.Parse(json)))!;

        var activity = written["root"]!["activities"]![0]!;
        Assert.True((bool)activity["canStartWorkflow"]!);
        Assert.False((bool)activity["runAsynchronously"]!);
        Assert.Equal("Start.cs:12", (string?)activity["source"]);
    }

    [Fact]
    public void Serialize_UnknownConnectionProperties_AreKept()
    {
        const string json = """
            {"name": "Test", "version": 1, "root": {"id": "f", "type": "Elsa.Flowchart", "version": 1,
             "activities": [{"id": "a", "type": "Elsa.Start"}, {"id": "b", "type": "Elsa.Finish"}],
             "connections": [{"source": {"activity": "a", "port": "Done", "label": "verder"},
                              "target": {"activity": "b", "port": "In"},
                              "vertices": [], "color": "#ff0000"}]}}
            """;

        var written = JsonNode.Parse(DefinitionJson.Serialize(DefinitionJson.Parse(json)))!;

        var connection = written["root"]!["connections"]![0]!;
        Assert.Equal("#ff0000", (string?)connection["color"]);
        Assert.Equal("verder", (string?)connection["source"]!["label"]);
    }

    [Fact]
    public void Serialize_ActivityInputs_AreKeptExactly()
    {
        var json = DefinitionFiles.ReadSample("elsa-export-standard-activities.json");
        var original = JsonNode.Parse(json)!["root"]!["activities"]!.AsArray();

        var written = JsonNode.Parse(DefinitionJson.Serialize(DefinitionJson.Parse(json)))!["root"]!["activities"]!.AsArray();

        var setVariable = original.Single(a => (string?)a!["type"] == ActivityTypes.SetVariable)!;
        var writtenSetVariable = written.Single(a => (string?)a!["id"] == (string?)setVariable["id"])!;
        Assert.True(JsonNode.DeepEquals(setVariable["value"], writtenSetVariable["value"]), writtenSetVariable["value"]?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(setVariable["variable"], writtenSetVariable["variable"]), writtenSetVariable["variable"]?.ToJsonString());
    }

    [Fact]
    public void Serialize_InputWithNullMemoryReference_KeepsTheNull()
    {
        const string json = """
            {"name": "Test", "version": 1, "root": {"id": "f", "type": "Elsa.Flowchart", "version": 1,
             "activities": [{"id": "t", "type": "Klachten.HumanTask",
                             "title": {"typeName": "String", "expression": {"type": "Literal", "value": "Bel de klager"},
                                       "memoryReference": null}}],
             "connections": []}}
            """;

        var written = JsonNode.Parse(DefinitionJson.Serialize(DefinitionJson.Parse(json)))!;

        var title = written["root"]!["activities"]![0]!["title"]!.AsObject();
        Assert.True(title.TryGetPropertyValue("memoryReference", out var memoryReference));
        Assert.Null(memoryReference);
    }

    [Fact]
    public void Clone_Model_SharesNoInputNodes()
    {
        var model = DefinitionFiles.ParseSample("studio-save-klachten-activities.json");

        var clone = DefinitionJson.Clone(model);

        var original = model.Root!.Activities![1];
        var copy = clone.Root!.Activities![1];
        copy.Extra!["title"]!["expression"]!["value"] = "Gewijzigd";
        Assert.Equal("Beoordeel de klacht", (string?)original.GetInput("title")!["expression"]!["value"]);
    }
}
