using Klachten.Contracts;
using Klachten.Server.Messaging;
using Klachten.Server.Runtime;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Features.Email;

/// <summary>Each e-mail a step asked for becomes a <see cref="SendEmail"/> in the outbox, committed with the step.</summary>
internal sealed class EmailProjection(OutboxWriter outbox) : IStepProjection
{
    public Task ProjectAsync(StepContext step, CancellationToken cancellationToken)
    {
        foreach (var email in step.Result.Effects.OfType<EmailRequested>())
        {
            outbox.Add(email.MessageId, new SendEmail(email.MessageId, step.Result.State.Id, email.To, email.Cc, email.Bcc, email.ReplyTo, email.Subject, email.Body), step.Result.State.Id);
        }

        return Task.CompletedTask;
    }

    public static IHostApplicationBuilder AddEmail(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStepProjection, EmailProjection>();
        return builder;
    }
}
