using Klachten.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Klachten.Archive.Consumers;

/// <summary>
/// Keeps the PDF of every sent letter, exactly as sent. Queue <c>archive-letter-sent</c>: the archive's own, apart
/// from any other service that follows <see cref="LetterSent"/>.
/// </summary>
internal sealed class ArchiveLetterSentConsumer(Dossier dossier, ILogger<ArchiveLetterSentConsumer> logger) : IConsumer<LetterSent>
{
    public const string InboxName = "archive-letter-sent";
    public const string Author = "notificatiedienst";
    public const string ContentType = "application/pdf";
    public const string KindPrefix = "Brief:";

    public async Task Consume(ConsumeContext<LetterSent> context)
    {
        var message = context.Message;
        var sha256 = Dossier.Sha256Of(message.Pdf);
        if (!string.IsNullOrEmpty(message.Sha256) && !string.Equals(sha256, message.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            // The archive must hold what was sent; a PDF that is not the one hashed at sending is not kept.
            throw new InvalidDataException($"The PDF of letter {message.LetterMessageId} ({message.CaseReference}) does not match its SHA-256.");
        }

        var document = new NewDocument(
            message.MessageId, message.ComplaintId, message.CaseReference, KindPrefix + message.LetterKind, ContentType, Author, message.Pdf, message.SentAt);
        await context.StoreAndAnnounceAsync(dossier, InboxName, document, logger);
    }
}
