using Klachten.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Klachten.Archive.Consumers;

/// <summary>Starts the retention period of a closed case's dossier. Queue <c>archive-case-closed</c>.</summary>
internal sealed class ArchiveCaseClosedConsumer(Dossier dossier, ILogger<ArchiveCaseClosedConsumer> logger) : IConsumer<CaseClosed>
{
    public const string InboxName = "archive-case-closed";

    public async Task Consume(ConsumeContext<CaseClosed> context)
    {
        var message = context.Message;
        if (await dossier.CloseCaseAsync(InboxName, message, context.CancellationToken))
        {
            logger.LogInformation("Case {CaseReference} closed; its dossier is kept until {RetainUntil}", message.CaseReference, dossier.RetainUntil(message.ClosedAt));
        }
    }
}
