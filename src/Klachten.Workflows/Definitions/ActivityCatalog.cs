using System.Collections.Frozen;

namespace Klachten.Workflows.Definitions;

/// <summary>The activity types this server accepts in a definition. A type not listed here is refused on save.</summary>
public sealed class ActivityCatalog
{
    private static readonly string[] Done = ["Done"];

    private readonly FrozenDictionary<string, ActivityTypeInfo> _types;

    /// <summary>Creates a catalog of the given types.</summary>
    public ActivityCatalog(IEnumerable<ActivityTypeInfo> types) =>
        _types = types.ToFrozenDictionary(t => t.TypeName, StringComparer.Ordinal);

    /// <summary>The standard Elsa activities and the <c>Klachten.*</c> activities.</summary>
    public static ActivityCatalog Default { get; } = new(
    [
        new(ActivityTypes.Flowchart, "Flow", "Flowchart", "Activiteiten verbonden door pijlen.", ActivityKind.Action, Done, IsContainer: true),
        new(ActivityTypes.Start, "Flow", "Start", "Het beginpunt van de workflow.", ActivityKind.Action, Done),
        new(ActivityTypes.Finish, "Flow", "Einde workflow", "Beëindigt de hele workflow.", ActivityKind.Action, [], IsTerminal: true),
        new(ActivityTypes.End, "Flow", "Einde tak", "Beëindigt deze tak van de flowchart.", ActivityKind.Action, [], IsTerminal: true),
        new(ActivityTypes.WriteLine, "Primitives", "Schrijf regel", "Schrijft een regel tekst in het logboek.", ActivityKind.Action, Done),
        new(ActivityTypes.SetVariable, "Primitives", "Variabele zetten", "Geeft een workflowvariabele een waarde.", ActivityKind.Action, Done),
        new(ActivityTypes.FlowDecision, "Flow", "Beslissing", "Gaat verder via Waar of Onwaar, naar de uitkomst van een voorwaarde.", ActivityKind.Action, ["True", "False"]),
        new(ActivityTypes.FlowFork, "Flow", "Splitsing", "Start meerdere takken tegelijk.", ActivityKind.Action, [], HasDynamicPorts: true),
        new(ActivityTypes.FlowJoin, "Flow", "Samenvoeging", "Wacht op alle of op de eerste binnenkomende tak.", ActivityKind.Action, Done),
        new(ActivityTypes.Fault, "Primitives", "Fout", "Zet de workflow in een foutstatus met een melding.", ActivityKind.Action, [], IsTerminal: true),
        new(ActivityTypes.Delay, "Scheduling", "Wachttijd", "Wacht een vaste tijdsduur.", ActivityKind.Trigger, Done),
        new(ActivityTypes.StartAt, "Scheduling", "Wacht tot", "Wacht tot een bepaald tijdstip.", ActivityKind.Trigger, Done),
        new(ActivityTypes.Timer, "Scheduling", "Timer", "Gaat verder na een interval.", ActivityKind.Trigger, Done),
        new(ActivityTypes.Correlate, "Primitives", "Correleren", "Zet de correlatiesleutel van de workflow.", ActivityKind.Action, Done),
        new(ActivityTypes.Event, "Primitives", "Gebeurtenis", "Wacht op een gebeurtenis met een naam.", ActivityKind.Trigger, Done),
        new(ActivityTypes.HumanTask, "Klachten", "Taak", "Een taak voor een medewerker in een rol; elke uitkomst is een uitgang.", ActivityKind.Task, [], HasDynamicPorts: true),
        new(ActivityTypes.Term, "Klachten", "Termijn", "Wacht tot een termijn volgens de Algemene termijnenwet is verstreken.", ActivityKind.Trigger, ["Verlopen"]),
        new(ActivityTypes.SetComplaintStatus, "Klachten", "Status klacht", "Zet de status van de klacht (bijvoorbeeld WithCommittee).", ActivityKind.Action, Done),
        new(ActivityTypes.SendLetter, "Klachten", "Brief versturen", "Vraagt een brief aan bij de notificatiedienst.", ActivityKind.Action, Done),
    ]);

    /// <summary>Every known type.</summary>
    public IEnumerable<ActivityTypeInfo> Types => _types.Values;

    /// <summary>Looks up a type by its Elsa type name.</summary>
    public bool TryGet(string typeName, out ActivityTypeInfo info) => _types.TryGetValue(typeName, out info!);
}
