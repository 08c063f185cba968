using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Tests.Definitions;

public sealed class LegacyConnectionTests
{
    [Fact]
    public void Parse_Elsa30FlatConnections_ReadsThemAsNestedEndpoints()
    {
        const string json = """
            {"definitionId": "oud", "name": "Oud", "root": {"id": "f", "type": "Elsa.Flowchart",
              "activities": [{"id": "a", "type": "Elsa.Start"}, {"id": "b", "type": "Elsa.FlowDecision"}, {"id": "c", "type": "Elsa.Finish"}],
              "connections": [{"source": "a", "target": "b", "sourcePort": "Done", "targetPort": "In"}, {"source": "b", "target": "c", "sourcePort": "True"}]}}
            """;

        var model = DefinitionJson.Parse(json);

        var connections = model.Root!.Connections!;
        Assert.Equal(("a", "Done", "b", "In"), (connections[0].Source!.Activity, connections[0].Source!.Port, connections[0].Target!.Activity, connections[0].Target!.Port));
        Assert.Equal(("b", "True", "c", "In"), (connections[1].Source!.Activity, connections[1].Source!.Port, connections[1].Target!.Activity, connections[1].Target!.Port));
        Assert.Empty(new DefinitionValidator(ActivityCatalog.Default).Validate(model));
    }
}
