using System.Security.Cryptography;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// Brings a definition into the shape Studio needs: every activity has an id and a unique node id (ancestor ids
/// joined with ':'), flowcharts have activity and connection lists, and list inputs are in the form Studio edits
/// (<see cref="ListInputs"/>). Studio's "Create workflow" posts a root without any of these, and a missing node id
/// crashes its editor.
/// </summary>
public static class DefinitionNormalizer
{
    private const string WorkflowNodePrefix = "Workflow1";

    /// <summary>Normalises in place; returns the same model for chaining.</summary>
    public static WorkflowDefinitionModel Normalize(WorkflowDefinitionModel model)
    {
        if (model.Root is null)
        {
            return model;
        }

        model.Root.Id = string.IsNullOrWhiteSpace(model.Root.Id) ? NewId() : model.Root.Id;
        model.Root.NodeId = $"{WorkflowNodePrefix}:{model.Root.Id}";
        NormalizeChildren(model.Root);
        model.Variables ??= [];
        model.Inputs ??= [];
        model.Outputs ??= [];
        model.Outcomes ??= [];
        model.CustomProperties ??= [];
        return model;
    }

    /// <summary>A new 16-hex-digit id, as Studio generates them.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static void NormalizeChildren(ActivityModel parent)
    {
        if (parent.IsFlowchart)
        {
            parent.Activities ??= [];
            parent.Connections ??= [];
        }

        foreach (var child in parent.Children)
        {
            child.Id = string.IsNullOrWhiteSpace(child.Id) ? NewId() : child.Id;
            child.NodeId = $"{parent.NodeId}:{child.Id}";
            ListInputs.ToStudioForm(child);
            NormalizeChildren(child);
        }
    }
}
