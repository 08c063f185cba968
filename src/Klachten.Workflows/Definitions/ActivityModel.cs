using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// One activity in Elsa 3's JSON shape. Inputs are camelCase keys next to the known properties and live in
/// <see cref="ElsaJsonObject.Extra"/>, together with anything else this server does not interpret.
/// </summary>
public sealed class ActivityModel : ElsaJsonObject
{
    /// <summary>Id, unique within its container.</summary>
    public string? Id { get; set; }

    /// <summary>The ancestor ids joined with ':'; unique in the definition.</summary>
    public string? NodeId { get; set; }

    /// <summary>Technical name.</summary>
    public string? Name { get; set; }

    /// <summary>Activity type name, e.g. <c>Elsa.Delay</c> or <c>Klachten.HumanTask</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Activity type version.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Custom properties such as <c>canStartWorkflow</c>.</summary>
    public JsonObject? CustomProperties { get; set; }

    /// <summary>Designer metadata: position, size, display text.</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>Child activities, for containers such as <c>Elsa.Flowchart</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ActivityModel>? Activities { get; set; }

    /// <summary>Connections between child activities, for flowcharts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ConnectionModel>? Connections { get; set; }


    /// <summary>Whether this activity is a flowchart container.</summary>
    [JsonIgnore]
    public bool IsFlowchart => string.Equals(Type, ActivityTypes.Flowchart, StringComparison.Ordinal);

    /// <summary>
    /// Whether this is a workflow definition used as an activity (Elsa's <c>WorkflowDefinitionActivity</c>): its type is
    /// the definition's name and it names the definition in <c>workflowDefinitionId</c>. The server puts the child's
    /// root into it as the embedded <c>root</c> before the engine runs it.
    /// </summary>
    [JsonIgnore]
    public bool IsWorkflowActivity => Extra?["workflowDefinitionId"] is JsonValue id && id.GetValueKind() == System.Text.Json.JsonValueKind.String;

    /// <summary>Reads an input's raw JSON (the wrapped <c>{typeName, expression}</c> object or a plain value).</summary>
    public JsonNode? GetInput(string camelCaseName) =>
        Extra is not null && Extra.TryGetPropertyValue(camelCaseName, out var value) ? value : null;

    /// <summary>
    /// Activities held in an input-like property rather than in <see cref="Activities"/>: <c>If.then</c>,
    /// <c>While.body</c>, <c>Switch.cases[i].activity</c>, <c>Fork.branches[i]</c>. Read once from the JSON and written
    /// back before it is serialised, so changes to them (ids, node ids) survive.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<EmbeddedActivity> Embedded { get; private set; } = [];

    /// <summary>Every direct child: <see cref="Activities"/>, then <see cref="Embedded"/>.</summary>
    [JsonIgnore]
    public IEnumerable<ActivityModel> Children => (Activities ?? []).Concat(Embedded.Select(e => e.Activity));

    /// <summary>The embedded child in a slot (<c>then</c>, <c>body</c>, <c>cases/0/activity</c>), if any.</summary>
    public ActivityModel? EmbeddedAt(string slot) => Embedded.FirstOrDefault(e => e.Slot == slot)?.Activity;

    /// <summary>This activity and every descendant, depth first.</summary>
    public IEnumerable<ActivityModel> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var descendant in child.DescendantsAndSelf())
            {
                yield return descendant;
            }
        }
    }

    private protected override void AfterRead() => Embedded = EmbeddedActivity.Read(Extra);

    private protected override void BeforeWrite() => EmbeddedActivity.Write(Extra, Embedded);
}
