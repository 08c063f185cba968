namespace Klachten.Contracts;

/// <summary>The contract types by their outbox name, so the relay can publish a stored row as its typed message.</summary>
public static class MessageTypes
{
    /// <summary>Outbox name → message type.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [nameof(SendLetter)] = typeof(SendLetter),
        [nameof(SendReminder)] = typeof(SendReminder),
        [nameof(SendEmail)] = typeof(SendEmail),
        [nameof(ArchiveDocument)] = typeof(ArchiveDocument),
        [nameof(CaseClosed)] = typeof(CaseClosed),
        [nameof(LetterSent)] = typeof(LetterSent),
        [nameof(LetterFailed)] = typeof(LetterFailed),
        [nameof(DocumentArchived)] = typeof(DocumentArchived),
        [nameof(StartChildWorkflow)] = typeof(StartChildWorkflow),
        [nameof(PublishWorkflowEvent)] = typeof(PublishWorkflowEvent),
    };
}
