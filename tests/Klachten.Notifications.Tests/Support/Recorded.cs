using System.Collections.Concurrent;
using Klachten.Contracts;
using MassTransit;

namespace Klachten.Notifications.Tests.Support;

// What the notification service published, as the case (server) and the archive would receive it.
public sealed class Recorded
{
    public ConcurrentQueue<LetterSent> Sent { get; } = new();

    public ConcurrentQueue<LetterFailed> Failed { get; } = new();

    public ConcurrentQueue<string> Consumed { get; } = new();

    public IReadOnlyList<LetterSent> SentFor(string letterMessageId) => Sent.Where(s => s.LetterMessageId == letterMessageId).ToList();

    public IReadOnlyList<LetterFailed> FailedFor(string letterMessageId) => Failed.Where(s => s.LetterMessageId == letterMessageId).ToList();
}

public sealed class RecordingConsumer(Recorded recorded) : IConsumer<LetterSent>, IConsumer<LetterFailed>
{
    public Task Consume(ConsumeContext<LetterSent> context)
    {
        recorded.Sent.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<LetterFailed> context)
    {
        recorded.Failed.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

// Counts finished consumptions (successful or not) of the notification service's commands, so a test knows a
// duplicate was handled without waiting for something that should not happen.
public sealed class ConsumedObserver(Recorded recorded) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Record(context.Message);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    private void Record(object message)
    {
        switch (message)
        {
            case SendLetter letter:
                recorded.Consumed.Enqueue(letter.MessageId);
                break;
            case SendReminder reminder:
                recorded.Consumed.Enqueue(reminder.MessageId);
                break;
            case SendEmail email:
                recorded.Consumed.Enqueue(email.MessageId);
                break;
        }
    }
}
