using Klachten.Workflows.Definitions;
using Klachten.Workflows.Tests.Support;

namespace Klachten.Workflows.Tests.WorkflowFiles;

/// <summary>Every definition in the repository's <c>workflows/</c> folder must import as it is.</summary>
public sealed class WorkflowFileTests
{
    public static TheoryData<string> WorkflowFiles() => new(DefinitionFiles.WorkflowNames());

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Load_WorkflowFile_IsReadyToImport(string fileName)
    {
        var model = DefinitionJson.Parse(DefinitionFiles.ReadWorkflow(fileName));
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), model.DefinitionId);

        var nodeIdsInFile = NodeIds(model);
        DefinitionNormalizer.Normalize(model);
        Assert.Equal(nodeIdsInFile, NodeIds(model));

        Assert.Empty(new DefinitionValidator(ActivityCatalog.Default).Validate(model));
    }

    private static List<(string? Id, string? NodeId)> NodeIds(WorkflowDefinitionModel model) =>
        model.Root?.DescendantsAndSelf().Select(a => (a.Id, a.NodeId)).ToList() ?? [];
}
