using Klachten.Server.Persistence;
using Klachten.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Messaging;

/// <summary>
/// The one way a message enters the outbox: a contract message with its id, its type name and the trace parent of
/// the step, added to the caller's unit of work so it commits with the state that caused it.
/// </summary>
internal sealed class OutboxWriter(KlachtenDbContext db, TimeProvider clock)
{
    /// <summary>Adds <paramref name="message"/> under <paramref name="messageId"/>; the contract type's name is its type.</summary>
    public void Add<TMessage>(string messageId, TMessage message, string? instanceId)
        where TMessage : class =>
        db.OutboxMessages.Add(new OutboxMessageEntity
        {
            Id = messageId,
            MessageType = typeof(TMessage).Name,
            PayloadJson = ContractJson.Serialize(message),
            InstanceId = instanceId,
            CreatedAt = clock.GetUtcNow(),
            // Telemetry: the relay continues this step's trace when it publishes the row.
            TraceParent = KlachtenTelemetry.CurrentTraceParent(),
        });

    /// <summary>Whether a message with this id is already in the outbox (this unit of work or committed).</summary>
    public async Task<bool> ContainsAsync(string messageId, CancellationToken cancellationToken) =>
        db.OutboxMessages.Local.Any(m => m.Id == messageId)
        || await db.OutboxMessages.AnyAsync(m => m.Id == messageId, cancellationToken);
}
