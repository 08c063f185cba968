using Klachten.Workflows.Definitions;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Tests.Descriptors;

/// <summary>
/// An activity that exists only in this test assembly: the whole of it is this one class, which is what adding an
/// activity to the server takes (<see cref="OneClassActivityTests"/>).
/// </summary>
internal sealed class GreetActivity : IActivityBehavior
{
    public const string Type = "Tests.Greet";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Tests", "Groeten", "Groet iemand in het logboek.")
    {
        Ports = ["Gegroet", "Niemand"],
        Inputs =
        [
            new("Person", "String", "Persoon", "Wie gegroet wordt."),
            new("Tone", "String", "Toon", "Hoe.", "dropdown", [("Warm", "Hartelijk"), ("Formal", "Formeel")], DefaultValue: "Warm"),
        ],
        Outputs = [new("Greeting", "String", "Groet", "De groet.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var person = context.GetString("person");
        if (string.IsNullOrWhiteSpace(person))
        {
            return ActivityResult.Complete("Niemand");
        }

        var greeting = context.GetString("tone") == "Formal" ? $"Goedendag, {person}." : $"Hoi {person}!";
        context.Outputs["greeting"] = greeting;
        context.JournalPayload["text"] = greeting;
        return ActivityResult.Complete("Gegroet");
    }
}
