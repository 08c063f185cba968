namespace Klachten.Contracts;

/// <summary>Command to the archive: keep a document in the complaint's dossier (committee report, advice, decision).</summary>
/// <param name="MessageId">Stable id.</param>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="CaseReference">Reference.</param>
/// <param name="Kind">Document kind, e.g. <c>Rapportage</c>, <c>Advies</c>, <c>Besluit</c>.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Author">User name of the author.</param>
/// <param name="Content">The document.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record ArchiveDocument(string MessageId, Guid ComplaintId, string CaseReference, string Kind, string ContentType, string Author, byte[] Content, DateTimeOffset CreatedAt);
