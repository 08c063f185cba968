using Klachten.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Klachten.Archive.Consumers;

/// <summary>Keeps a document the procedure produced (report, advice, decision). Queue <c>archive-document</c>.</summary>
internal sealed class ArchiveDocumentConsumer(Dossier dossier, ILogger<ArchiveDocumentConsumer> logger) : IConsumer<ArchiveDocument>
{
    public const string InboxName = "archive-document";

    public async Task Consume(ConsumeContext<ArchiveDocument> context)
    {
        var message = context.Message;
        var document = new NewDocument(
            message.MessageId, message.ComplaintId, message.CaseReference, message.Kind, message.ContentType, message.Author, message.Content, message.CreatedAt);
        await context.StoreAndAnnounceAsync(dossier, InboxName, document, logger);
    }
}
