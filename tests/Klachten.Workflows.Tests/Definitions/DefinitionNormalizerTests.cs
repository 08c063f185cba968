using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Tests.Support;

namespace Klachten.Workflows.Tests.Definitions;

public sealed class DefinitionNormalizerTests
{
    // Exactly what Studio's "Create workflow" posts as the root.
    private const string StudioCreateModel = """
        {"definitionId": null, "id": null, "name": "Nieuwe workflow", "version": 1, "variables": null,
         "inputs": null, "outputs": null, "outcomes": null, "options": null,
         "root": {"id": "4f8a1c2e9b3d7065", "type": "Elsa.Flowchart", "version": 1, "name": "Flowchart1"}}
        """;

    public static TheoryData<string> Samples() => new(DefinitionFiles.SampleNames());

    [Fact]
    public void Normalize_StudioCreateRoot_SetsRootNodeId()
    {
        var model = DefinitionNormalizer.Normalize(DefinitionJson.Parse(StudioCreateModel));

        Assert.Equal("Workflow1:4f8a1c2e9b3d7065", model.Root!.NodeId);
    }

    [Fact]
    public void Normalize_StudioCreateRoot_AddsEmptyActivities()
    {
        var model = DefinitionNormalizer.Normalize(DefinitionJson.Parse(StudioCreateModel));

        Assert.NotNull(model.Root!.Activities);
        Assert.Empty(model.Root.Activities);
    }

    [Fact]
    public void Normalize_StudioCreateRoot_AddsEmptyConnections()
    {
        var model = DefinitionNormalizer.Normalize(DefinitionJson.Parse(StudioCreateModel));

        Assert.NotNull(model.Root!.Connections);
        Assert.Empty(model.Root.Connections);
    }

    [Fact]
    public void Serialize_NormalizedStudioCreateRoot_WritesEmptyLists()
    {
        var model = DefinitionNormalizer.Normalize(DefinitionJson.Parse(StudioCreateModel));

        var root = JsonNode.Parse(DefinitionJson.Serialize(model))!["root"]!;

        Assert.Equal(("[]", "[]"), (root["activities"]!.ToJsonString(), root["connections"]!.ToJsonString()));
    }

    [Fact]
    public void Normalize_StudioCreateModel_FillsNullLists()
    {
        var model = DefinitionNormalizer.Normalize(DefinitionJson.Parse(StudioCreateModel));

        Assert.All([model.Variables, model.Inputs, model.Outputs, model.Outcomes], list => Assert.Empty(list!));
    }

    [Fact]
    public void Normalize_ChildActivity_GetsParentNodeIdAndOwnId()
    {
        var model = TestDefinitions.StartToFinish();

        DefinitionNormalizer.Normalize(model);

        Assert.Equal($"Workflow1:{TestDefinitions.RootId}:start", model.Root!.Activities![0].NodeId);
    }

    [Fact]
    public void Normalize_NestedFlowchart_JoinsEveryAncestorId()
    {
        var inner = TestDefinitions.Flowchart([TestDefinitions.Activity("write", ActivityTypes.WriteLine)], []);
        inner.Id = "inner";
        var model = TestDefinitions.StartToFinish();
        model.Root!.Activities!.Add(inner);

        DefinitionNormalizer.Normalize(model);

        Assert.Equal($"Workflow1:{TestDefinitions.RootId}:inner:write", inner.Activities![0].NodeId);
    }

    [Fact]
    public void Normalize_WrongNodeId_IsReplaced()
    {
        var model = TestDefinitions.StartToFinish();
        model.Root!.Activities![0].NodeId = "Workflow1:elders:start";

        DefinitionNormalizer.Normalize(model);

        Assert.Equal($"Workflow1:{TestDefinitions.RootId}:start", model.Root.Activities[0].NodeId);
    }

    [Fact]
    public void Normalize_ActivityWithoutId_GetsSixteenLowercaseHexDigits()
    {
        var model = TestDefinitions.StartToFinish();
        var dropped = new ActivityModel { Type = ActivityTypes.WriteLine };
        model.Root!.Activities!.Add(dropped);

        DefinitionNormalizer.Normalize(model);

        Assert.Matches("^[0-9a-f]{16}$", dropped.Id);
    }

    [Fact]
    public void Normalize_ActivityWithoutId_GetsNodeIdWithGeneratedId()
    {
        var model = TestDefinitions.StartToFinish();
        var dropped = new ActivityModel { Type = ActivityTypes.WriteLine };
        model.Root!.Activities!.Add(dropped);

        DefinitionNormalizer.Normalize(model);

        Assert.Equal($"Workflow1:{TestDefinitions.RootId}:{dropped.Id}", dropped.NodeId);
    }

    [Fact]
    public void Normalize_RootWithoutId_GetsSixteenLowercaseHexDigits()
    {
        var model = DefinitionJson.Parse("""{"name": "Test", "root": {"type": "Elsa.Flowchart"}}""");

        DefinitionNormalizer.Normalize(model);

        Assert.Matches("^[0-9a-f]{16}$", model.Root!.Id);
    }

    [Fact]
    public void NewId_CalledTwice_GivesDifferentIds()
    {
        Assert.NotEqual(DefinitionNormalizer.NewId(), DefinitionNormalizer.NewId());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Normalize_SampleWithCorrectNodeIds_ChangesNoNodeId(string fileName)
    {
        var model = DefinitionFiles.ParseSample(fileName);
        var before = model.Root!.DescendantsAndSelf().Select(a => a.NodeId).ToList();

        DefinitionNormalizer.Normalize(model);

        Assert.Equal(before, model.Root.DescendantsAndSelf().Select(a => a.NodeId));
    }
}
