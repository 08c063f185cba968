namespace Klachten.Archive.Persistence;

/// <summary>One document of a dossier: a sent letter or a document the procedure produced.</summary>
internal sealed class ArchivedDocument
{
    public Guid Id { get; set; }

    public Guid ComplaintId { get; set; }

    public string CaseReference { get; set; } = "";

    /// <summary><c>Rapportage</c>, <c>Advies</c>, <c>Besluit</c>, … or <c>Brief:&lt;LetterKind&gt;</c> for a sent letter.</summary>
    public string Kind { get; set; } = "";

    public string ContentType { get; set; } = "";

    public string Author { get; set; } = "";

    public byte[] Content { get; set; } = [];

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex, computed here.</summary>
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    /// <summary>When the document was written (a letter: when it was sent).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }

    /// <summary>The message that brought it; unique, so a redelivered message cannot add it twice.</summary>
    public string SourceMessageId { get; set; } = "";

    /// <summary>Null while the case is open; afterwards the last day the document is kept.</summary>
    public DateOnly? RetainUntil { get; set; }
}

/// <summary>A closed case: the start of the retention period of its dossier. Open cases have no row.</summary>
internal sealed class ArchivedCase
{
    public Guid ComplaintId { get; set; }

    public string CaseReference { get; set; } = "";

    public DateTimeOffset ClosedAt { get; set; }

    public string Status { get; set; } = "";

    public DateOnly RetainUntil { get; set; }
}

/// <summary>A message a consumer has handled; written in the same transaction as its effect.</summary>
internal sealed class InboxMessage
{
    /// <summary>The endpoint that handled it: the same id may legitimately reach two consumers.</summary>
    public string Consumer { get; set; } = "";

    public string MessageId { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}
