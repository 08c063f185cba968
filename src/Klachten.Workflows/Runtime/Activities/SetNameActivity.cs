using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Gives the instance a name (shown in Studio's instance list).</summary>
internal sealed class SetNameActivity : IActivityBehavior
{
    // Longer names are cut: the instance list shows one line, and the column is bounded.
    private const int MaxLength = 200;

    public const string Type = "Elsa.SetName";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Naam zetten", "Geeft de workflow-instantie een naam.")
    {
        Inputs = [new("Value", "String", "Naam", "De nieuwe naam van de instantie.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var name = context.GetString("value")?.Trim();
        context.State.Name = string.IsNullOrEmpty(name) ? null : name.Length <= MaxLength ? name : name[..MaxLength];
        return ActivityResult.Done;
    }
}
