using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Writes a line of text; the journal keeps it (Elsa writes it to the console).</summary>
internal sealed class WriteLineActivity : IActivityBehavior
{
    public const string Type = "Elsa.WriteLine";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Schrijf regel", "Schrijft een regel tekst in het logboek.")
    {
        Inputs = [new("Text", "String", "Tekst", "De regel die in het logboek komt.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        context.JournalPayload["text"] = context.GetString("text") ?? string.Empty;
        return ActivityResult.Done;
    }
}
