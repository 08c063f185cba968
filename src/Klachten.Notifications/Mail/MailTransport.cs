using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Klachten.Notifications.Mail;

/// <summary>What became of one e-mail.</summary>
internal enum MailResult
{
    /// <summary>Handed over: the SMTP server accepted it, or the file is in the pickup folder.</summary>
    Accepted,

    /// <summary>The server refused the address for good (5xx); retrying cannot help.</summary>
    Rejected,
}

/// <summary>A batch of e-mails over one connection. Transient faults (server down, 4xx, time-out) are thrown.</summary>
internal interface IMailSession : IAsyncDisposable
{
    Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends e-mail over SMTP (MailKit), or writes <c>.eml</c> files when a pickup folder is configured.</summary>
internal sealed class MailTransport(IOptionsMonitor<NotificationOptions> options, ILogger<MailTransport> logger)
{
    public IMailSession Open()
    {
        var current = options.CurrentValue;
        return string.IsNullOrWhiteSpace(current.PickupDirectory)
            ? new SmtpSession(current.Smtp, logger)
            : new PickupSession(current.PickupDirectory);
    }

    private sealed class SmtpSession(SmtpOptions smtp, ILogger logger) : IMailSession
    {
        private SmtpClient? _client;

        public async Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            using var activity = MailTelemetry.StartSend("smtp", smtp.Host);
            try
            {
                var client = await ConnectAsync(cancellationToken);
                await client.SendAsync(message, cancellationToken);
                MailTelemetry.Record(activity, "smtp", MailResult.Accepted);
                return MailResult.Accepted;
            }
            catch (SmtpCommandException exception) when (exception.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)exception.StatusCode >= 500)
            {
                logger.LogWarning("SMTP server refused recipient of {SmtpMessageId}: {StatusCode}", message.MessageId, (int)exception.StatusCode);
                MailTelemetry.Record(activity, "smtp", MailResult.Rejected);
                // The next message starts on a fresh connection, whatever state this one was left in.
                await CloseAsync();
                return MailResult.Rejected;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Transient: the consumer retries; the span shows the failed attempt.
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
                throw;
            }
        }

        public ValueTask DisposeAsync() => new(CloseAsync());

        private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            if (_client is { IsConnected: true })
            {
                return _client;
            }

            _client?.Dispose();
            _client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
            var security = smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            await _client.ConnectAsync(smtp.Host ?? "localhost", smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            }

            return _client;
        }

        private async Task CloseAsync()
        {
            if (_client is null)
            {
                return;
            }

            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception exception) when (exception is IOException or ServiceNotConnectedException or ProtocolException)
            {
                // The mail is out or not; a failing QUIT changes neither.
            }
            finally
            {
                _client.Dispose();
                _client = null;
            }
        }
    }

    // The file name is the Message-ID, so writing the same e-mail again replaces it instead of adding a second one.
    private sealed class PickupSession(string directory) : IMailSession
    {
        public async Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            using var activity = MailTelemetry.StartSend("pickup", server: null);
            Directory.CreateDirectory(directory);
            var name = string.Concat((message.MessageId ?? "bericht").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
            var path = Path.Combine(directory, name + ".eml");
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            MailTelemetry.Record(activity, "pickup", MailResult.Accepted);
            return MailResult.Accepted;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
