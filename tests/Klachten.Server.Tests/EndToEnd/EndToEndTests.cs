using System.Diagnostics;
using Klachten.Contracts;
using Klachten.Server.Tests.Messaging;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;
using Klachten.Testing.Mail;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>
/// The procedure with everything real: server, RabbitMQ, PostgreSQL, the notification service rendering PDFs and
/// e-mailing them to an SMTP server, the archive keeping them. Each test uses complaints of its own.
/// </summary>
public sealed class EndToEndTests(EndToEndFixture fixture, ITestOutputHelper output) : IClassFixture<EndToEndFixture>
{
    private readonly ProcedureDriver _driver = new(fixture.Server);

    [Fact]
    public async Task FullProcedure_EachLetterOncePerRecipientWithItsPdf_SentAndArchivedWithTheSameHash()
    {
        var started = Stopwatch.StartNew();
        var today = await _driver.TodayAsync();
        var formal = await _driver.RegisterAsync(LetterAssert.WithRepresentative(today));
        await _driver.ConfirmReceiptAsync(formal);
        await _driver.ContactAsync(formal, "Niet ingetrokken");
        await _driver.SubmitAsync(formal);
        await _driver.AdviseAsync(formal, "Verlengen");
        await _driver.AdviseAsync(formal, "Gegrond", extended: true);
        await _driver.DecideAsync(formal);
        var lapsed = await _driver.RegisterAsync(LetterAssert.Lapsed(today, 1));
        var informal = await _driver.RegisterAsync(ProcedureDriver.Complaint(today, "Informal"));
        await _driver.CompleteOpenTaskAsync("medewerker", informal, Titles.Employee, "Niet opgelost");
        await _driver.CompleteOpenTaskAsync("leidinggevende", informal, Titles.Manager, "Niet opgelost");
        Registered[] complaints = [formal, lapsed, informal];

        var requested = await Delivered.RequestedAsync(_driver, complaints);
        Assert.Equal(
            ["Besluit", "NietOntvankelijk", "Ontvangstbevestiging", "UitlegSchriftelijkIndienen", "VerlengingAdviestermijn", "VoorgelegdAanCommissie"],
            requested.Select(l => l.LetterKind).Order(StringComparer.Ordinal));
        await Delivered.AllSentAsync(_driver, requested.Count, TimeSpan.FromSeconds(60), complaints);
        await Delivered.QueuesDrainedAsync(fixture.Vhost.Node, fixture.Vhost.Name);
        output.WriteLine($"{requested.Count} letters requested, e-mailed, sent and archived in {started.Elapsed.TotalSeconds:0.0} s");

        var sent = Delivered.ExactlyOncePerRecipient(fixture.Smtp, requested);
        foreach (var letter in sent)
        {
            Assert.Contains(letter.Request.CaseReference, letter.Text, StringComparison.Ordinal);
            if (await DueDateAsync(letter.Request, today) is { } due)
            {
                Assert.Contains($"uiterlijk op {Delivered.Dutch(due)}", letter.Text, StringComparison.Ordinal);
            }
        }

        Assert.Contains(Delivered.Dutch(today.AddYears(-3)), Assert.Single(sent, l => l.Request.LetterKind == "NietOntvankelijk").Text, StringComparison.Ordinal);
        await AssertCasesAndArchiveAsync(sent, complaints);
    }

    [Fact]
    public async Task SameSendLetterPublishedTwice_OneEmailPerRecipientAndOneArchiveDocument()
    {
        var complaintId = Guid.NewGuid();
        var letter = new SendLetter(
            Guid.NewGuid().ToString(),
            complaintId,
            "K-2026-9990",
            "Ontvangstbevestiging",
            [
                new LetterRecipient("klager", "Dirk Dubbel", "dirk.dubbel@example.nl", "Kerkstraat 2, 1234 AB Ergens", false),
                new LetterRecipient("leidinggevende", "Lars Leidinggevende", "leidinggevende@integratiewerk.local", null, true),
                new LetterRecipient("vertegenwoordiger", "Post Per", null, "Postbus 1, 1000 AA Amsterdam", true),
            ],
            [],
            new Dictionary<string, string> { ["reference"] = "K-2026-9990", ["due"] = "9 december 2026", ["receivedOn"] = "25 november 2026" },
            DateTimeOffset.UtcNow);
        var bus = fixture.Server.Services.GetRequiredService<IBus>();

        // Both copies at once, so the second may arrive while the first is still being handled.
        await Task.WhenAll(
            bus.Publish(letter, c => c.MessageId = Guid.Parse(letter.MessageId)),
            bus.Publish(letter, c => c.MessageId = Guid.Parse(letter.MessageId)));

        var archived = await Eventually.Until(() => fixture.Services.ArchivedAsync([complaintId]), d => d.Count >= 1, TimeSpan.FromSeconds(20));
        await Delivered.QueuesDrainedAsync(fixture.Vhost.Node, fixture.Vhost.Name);
        archived = await fixture.Services.ArchivedAsync([complaintId]);
        var sent = Assert.Single(Delivered.ExactlyOncePerRecipient(fixture.Smtp, [letter]));
        Assert.Equal(2, sent.Emails.Count);
        var document = Assert.Single(archived);
        Assert.Equal(("Brief:Ontvangstbevestiging", Pdfs.Sha256(sent.Pdf)), (document.Kind, document.Sha256));
        Assert.Contains("uiterlijk op 9 december 2026", sent.Text, StringComparison.Ordinal);
    }

    /// <summary>The date the letter prints as its term, computed here with the terms endpoint; null for letters without one.</summary>
    private async Task<DateOnly?> DueDateAsync(SendLetter letter, DateOnly today) => letter.LetterKind switch
    {
        // Article 4: the director contacts the complainant within ten working days of receipt.
        "Ontvangstbevestiging" => await _driver.TermDueAsync(today, 10, "WorkingDays"),
        // Article 6: advice within three weeks of submission, once extended to six.
        "VoorgelegdAanCommissie" => await _driver.TermDueAsync(today, 3, "Weeks"),
        "VerlengingAdviestermijn" => await _driver.TermDueAsync(today, 6, "Weeks"),
        _ => null,
    };

    /// <summary>Every letter is Sent on its case with its PDF's hash and one timeline line; the archive holds each once, same hash.</summary>
    private async Task AssertCasesAndArchiveAsync(List<SentLetter> sent, Registered[] complaints)
    {
        var archived = await Eventually.Until(
            () => fixture.Services.ArchivedAsync(complaints.Select(c => c.Id)),
            d => d.Count(x => x.Kind.StartsWith("Brief:", StringComparison.Ordinal)) >= sent.Count, TimeSpan.FromSeconds(20));
        foreach (var complaint in complaints)
        {
            var @case = await _driver.CaseAsync(complaint);
            var timeline = CaseAssert.Timeline(@case);
            foreach (var letter in CaseAssert.Letters(@case))
            {
                var kind = (string)letter["kind"]!;
                var pdf = Assert.Single(sent, s => s.Request.MessageId == (string)letter["id"]!);
                var sha256 = Pdfs.Sha256(pdf.Pdf);
                Assert.Equal(("Sent", sha256), ((string?)letter["status"], (string?)letter["sha256"]));
                Assert.Single(timeline, t => t.StartsWith($"Brief '{Klachten.Server.Features.Complaints.DutchLabels.LetterKind(kind)}' verzonden", StringComparison.Ordinal));
                var document = Assert.Single(archived, d => d.ComplaintId == complaint.Id && d.Kind == "Brief:" + kind);
                Assert.Equal(sha256, document.Sha256);
            }
        }

        Assert.Equal(sent.Count, archived.Count(x => x.Kind.StartsWith("Brief:", StringComparison.Ordinal)));
    }
}
