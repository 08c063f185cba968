using System.Globalization;
using System.Text.Json;
using Klachten.Contracts;
using Klachten.Server.Messaging;
using Klachten.Server.Tests.Messaging;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;
using Klachten.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>A letter as requested (the outbox's <see cref="SendLetter"/>) with the e-mails that carried it.</summary>
internal sealed record SentLetter(SendLetter Request, IReadOnlyList<MimeMessage> Emails)
{
    /// <summary>The PDF of the first e-mail (every e-mail of a letter carries the same one; see <see cref="Delivered.ExactlyOncePerRecipient"/>).</summary>
    public byte[] Pdf => Pdfs.Attachment(Emails[0]);

    public string Text => Pdfs.Text(Pdf);
}

/// <summary>What the real services did with the letters of a run: e-mails, the case's letters, broker queues.</summary>
internal static class Delivered
{
    public const string LetterIdHeader = "X-Klachten-Message-Id";

    /// <summary>The letters the procedure requested for these complaints, as the relay publishes them.</summary>
    public static async Task<List<SendLetter>> RequestedAsync(ProcedureDriver driver, params Registered[] complaints)
    {
        var letters = new List<SendLetter>();
        foreach (var complaint in complaints)
        {
            letters.AddRange((await driver.OutboxAsync(complaint, nameof(SendLetter))).Select(r => JsonSerializer.Deserialize<SendLetter>(r.PayloadJson, ContractJson.Options)!));
        }

        return letters;
    }

    /// <summary>Waits until every letter of these complaints shows on its case as sent (the server consumed LetterSent).</summary>
    public static Task<List<(string Id, string Status)>> AllSentAsync(ProcedureDriver driver, int expected, TimeSpan timeout, params Registered[] complaints)
    {
        var ids = complaints.Select(c => c.Id).ToList();
        return Eventually.Until(
            async () => (await driver.QueryAsync(db => db.Letters.AsNoTracking().Where(l => ids.Contains(l.ComplaintId)).Select(l => new { l.Id, l.Status }).ToListAsync()))
                .Select(l => (l.Id, l.Status.ToString())).ToList(),
            letters => letters.Count == expected && letters.All(l => l.Item2 == "Sent"),
            timeout);
    }

    /// <summary>
    /// Each e-mail address of each letter got exactly one e-mail of that letter (matched on the letter id the e-mail
    /// carries), nothing more, and all e-mails of one letter carry the same PDF.
    /// </summary>
    public static List<SentLetter> ExactlyOncePerRecipient(SmtpTestServer smtp, IEnumerable<SendLetter> letters)
    {
        var requested = letters.ToList();
        var ids = requested.Select(l => l.MessageId).ToHashSet(StringComparer.Ordinal);
        var emails = smtp.Messages.Where(m => m.Headers[LetterIdHeader] is { } id && ids.Contains(id)).ToList();
        var expected = requested
            .SelectMany(l => l.Recipients.Where(r => !string.IsNullOrWhiteSpace(r.Email)).Select(r => Key(l.MessageId, r.Email!)))
            .Order(StringComparer.Ordinal).ToList();
        var actual = emails.SelectMany(m => m.To.Mailboxes.Select(a => Key(m.Headers[LetterIdHeader]!, a.Address))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);

        var sent = requested.Select(l => new SentLetter(l, emails.Where(m => m.Headers[LetterIdHeader] == l.MessageId).ToList())).ToList();
        foreach (var letter in sent)
        {
            Assert.True(letter.Emails.Count > 0, $"Letter {letter.Request.LetterKind} of {letter.Request.CaseReference} had no e-mail address in the test.");
            Assert.Single(letter.Emails.Select(e => Pdfs.Sha256(Pdfs.Attachment(e))).Distinct());
        }

        return sent;
    }

    /// <summary>A date as the letters print it ("4 januari 2027").</summary>
    public static string Dutch(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));

    /// <summary>
    /// Waits until no queue of the virtual host holds a message (ready or unacknowledged): whatever was published has
    /// been handled, so a duplicate could no longer be on its way. Error queues must stay empty too.
    /// </summary>
    public static async Task QueuesDrainedAsync(string node, string vhost, TimeSpan? timeout = null)
    {
        // "name=messages; …": printable, so a time-out names the queue that still holds something.
        var queues = await Eventually.Until(
            async () => string.Join("; ", (await RabbitMqTools.CtlAsync(node, "list_queues", "-p", vhost, "--no-table-headers", "name", "messages"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
                .Select(parts => $"{parts[0]}={parts[^1]}")
                .Order(StringComparer.Ordinal)),
            q => q.Length > 0 && q.Split("; ").All(x => x.EndsWith("=0", StringComparison.Ordinal)),
            timeout ?? TimeSpan.FromSeconds(20));
        Assert.Contains("send-letter=0", queues.Split("; "));
    }

    /// <summary>One queue's depth and consumers, as <c>rabbitmqctl list_queues</c> reports them.</summary>
    public static async Task<QueueState> QueueAsync(string node, string vhost, string queue)
    {
        var lines = (await RabbitMqTools.CtlAsync(node, "list_queues", "-p", vhost, "--no-table-headers", "name", "messages_ready", "messages_unacknowledged", "consumers"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        var parts = lines.FirstOrDefault(p => p[0] == queue);
        return parts is null
            ? new QueueState(false, 0, 0, 0)
            : new QueueState(true, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static string Key(string letterId, string address) => $"{letterId} -> {address.ToLowerInvariant()}";
}

internal sealed record QueueState(bool Exists, int Ready, int Unacknowledged, int Consumers);
