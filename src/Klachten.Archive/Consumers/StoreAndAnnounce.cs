using Klachten.Archive.Persistence;
using Klachten.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Klachten.Archive.Consumers;

internal static class StoreAndAnnounce
{
    /// <summary>
    /// Stores the document and announces it with <see cref="DocumentArchived"/>. The announcement is also sent again
    /// when a redelivered message finds its document stored (the first delivery may have committed and then failed to
    /// publish); its id is the same both times, so readers deduplicate.
    /// </summary>
    public static async Task StoreAndAnnounceAsync(this ConsumeContext context, Dossier dossier, string inbox, NewDocument document, ILogger logger)
    {
        var result = await dossier.StoreAsync(inbox, document, context.CancellationToken);
        if (result.Document is not { } stored)
        {
            return;
        }

        if (!result.Duplicate)
        {
            logger.LogInformation("Archived {DocumentKind} {DocumentId} of case {CaseReference}", stored.Kind, stored.Id, stored.CaseReference);
        }

        await context.Publish(Announcement(stored), publish => publish.MessageId = stored.Id, context.CancellationToken);
    }

    private static DocumentArchived Announcement(ArchivedDocument document) =>
        new($"archived-{document.Id:N}", document.SourceMessageId, document.ComplaintId, document.CaseReference, document.Id, document.Kind, document.Sha256, document.RetainUntil);
}
