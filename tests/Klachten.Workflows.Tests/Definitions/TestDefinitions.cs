using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Tests.Definitions;

/// <summary>Small definitions built in code, each test changing one thing.</summary>
internal static class TestDefinitions
{
    public const string RootId = "flowchart1";

    /// <summary>A valid definition: Start → Finish.</summary>
    public static WorkflowDefinitionModel StartToFinish() => new()
    {
        DefinitionId = "test",
        Name = "Test",
        Version = 1,
        Root = Flowchart(
            [Activity("start", ActivityTypes.Start), Activity("finish", ActivityTypes.Finish)],
            [Connect("start", "Done", "finish")]),
    };

    public static ActivityModel Flowchart(List<ActivityModel> activities, List<ConnectionModel> connections) => new()
    {
        Id = RootId,
        Name = "Flowchart1",
        Type = ActivityTypes.Flowchart,
        Activities = activities,
        Connections = connections,
    };

    public static ActivityModel Activity(string id, string type) => new() { Id = id, Name = id, Type = type };

    public static ConnectionModel Connect(string source, string port, string target) => new()
    {
        Source = new ConnectionEndpoint { Activity = source, Port = port },
        Target = new ConnectionEndpoint { Activity = target, Port = "In" },
        Vertices = [],
    };

    public static ActivityModel RootOf(WorkflowDefinitionModel model) =>
        model.Root ?? throw new InvalidOperationException("The test definition has no root.");
}
