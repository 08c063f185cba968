namespace Klachten.Contracts;

/// <summary>
/// An e-mail a workflow sends (Elsa's SendEmail activity), through the notification service like letters. Each
/// address gets a message of its own from the organisation's sender (so Bcc stays private); <see cref="ReplyTo"/> is
/// the workflow's "From".
/// </summary>
/// <param name="MessageId">Stable per activity execution: a redelivery sends nothing twice.</param>
/// <param name="WorkflowInstanceId">The instance that asked for it.</param>
/// <param name="To">Recipients.</param>
/// <param name="Cc">Recipients in copy.</param>
/// <param name="Bcc">Recipients in blind copy.</param>
/// <param name="ReplyTo">Where answers go; null for the sender.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Body">Plain-text body.</param>
public sealed record SendEmail(
    string MessageId,
    string WorkflowInstanceId,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    string? ReplyTo,
    string Subject,
    string Body);
