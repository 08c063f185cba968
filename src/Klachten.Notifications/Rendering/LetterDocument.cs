using Klachten.Contracts;

namespace Klachten.Notifications.Rendering;

/// <summary>Everything that goes on paper for one letter, rendered from its template.</summary>
internal sealed record LetterDocument(
    LetterheadOptions Letterhead,
    string Reference,
    string Date,
    string Subject,
    IReadOnlyList<LetterRecipient> Addressees,
    IReadOnlyList<TextBlock> Body,
    string? Copies,
    IReadOnlyList<AttachmentDocument> Attachments,
    DateTimeOffset CreatedAt);

/// <summary>An attached document, printed on pages of its own after the letter.</summary>
internal sealed record AttachmentDocument(string Title, IReadOnlyList<TextBlock> Blocks);
