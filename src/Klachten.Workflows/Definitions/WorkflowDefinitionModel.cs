using System.Text.Json.Nodes;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// A workflow definition in Elsa 3's JSON shape (the export format and what Studio posts).
/// Properties this server does not interpret are kept in <see cref="ElsaJsonObject.Extra"/> and written back unchanged.
/// </summary>
public sealed class WorkflowDefinitionModel : ElsaJsonObject
{
    /// <summary>The version id (unique per version).</summary>
    public string? Id { get; set; }

    /// <summary>The id shared by every version of the definition.</summary>
    public string? DefinitionId { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Free text description.</summary>
    public string? Description { get; set; }

    /// <summary>When this version was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Version number, starting at 1.</summary>
    public int Version { get; set; }

    /// <summary>The Elsa tool version that wrote the file.</summary>
    public string? ToolVersion { get; set; }

    /// <summary>Workflow variables, as Elsa stores them.</summary>
    public JsonArray? Variables { get; set; }

    /// <summary>Workflow inputs.</summary>
    public JsonArray? Inputs { get; set; }

    /// <summary>Workflow outputs.</summary>
    public JsonArray? Outputs { get; set; }

    /// <summary>Workflow outcomes.</summary>
    public JsonArray? Outcomes { get; set; }

    /// <summary>Free-form custom properties.</summary>
    public JsonObject? CustomProperties { get; set; }

    /// <summary>Whether the definition is read-only in Studio.</summary>
    public bool? IsReadonly { get; set; }

    /// <summary>Whether the definition is a system workflow.</summary>
    public bool? IsSystem { get; set; }

    /// <summary>Whether this is the latest version.</summary>
    public bool? IsLatest { get; set; }

    /// <summary>Whether this version is the published one.</summary>
    public bool? IsPublished { get; set; }

    /// <summary>Workflow options (activation strategy, commit strategy, …).</summary>
    public JsonObject? Options { get; set; }

    /// <summary>The root activity: an <c>Elsa.Flowchart</c>.</summary>
    public ActivityModel? Root { get; set; }

}
