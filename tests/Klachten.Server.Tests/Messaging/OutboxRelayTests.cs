using Klachten.Contracts;
using Klachten.Server.Messaging;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// The outbox relay with a real RabbitMQ: the letters a procedure requests reach the broker once each, addressed to
/// people with the template's fields, and their rows are marked sent.
/// </summary>
public abstract class OutboxRelayTests(MessagingServerFixture fixture, ITestOutputHelper output)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task WalkProcedure_FourLettersRequested_EachReachesTheBrokerOnceWithPeopleAndFields()
    {
        var complaint = await _driver.RegisterAsync(LetterAssert.WithRepresentative(await _driver.TodayAsync()));
        await _driver.ConfirmReceiptAsync(complaint);
        var contact = await _driver.OpenTaskAsync("directeur", complaint, Titles.Contact);
        await _driver.ContactAsync(complaint);
        await _driver.SubmitAsync(complaint);
        var advice = await _driver.OpenTaskAsync("commissie", complaint, Titles.Advice);
        await _driver.AdviseAsync(complaint, "Gegrond");
        await _driver.DecideAsync(complaint);

        var rows = await Eventually.Until(
            () => _driver.OutboxAsync(complaint, nameof(SendLetter)), r => r.Count == 4 && r.All(m => m.SentAt is not null), TimeSpan.FromSeconds(20));
        await fixture.Recorder.FenceAsync();

        var delivered = fixture.Recorder.Of(complaint.Id);
        LetterAssert.ExactlyOnce(rows, delivered);
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        var letters = delivered.Select(d => d.Letter).ToList();
        Assert.All(letters, l => Assert.Equal((complaint.Reference, complaint.Reference), (l.CaseReference, l.Fields["reference"])));

        var receipt = Assert.Single(letters, l => l.LetterKind == "Ontvangstbevestiging");
        Assert.Equal(
            [
                new LetterRecipient("klager", "Karin Klager", "karin.klager@example.nl", "Dorpsstraat 1, 1234 AB Ergens", false),
                new LetterRecipient("leidinggevende", "Lars Leidinggevende", "leidinggevende@integratiewerk.local", null, true),
                new LetterRecipient("vertegenwoordiger", "Rob Raadsman", "rob.raadsman@example.nl", null, true),
            ],
            receipt.Recipients);
        Assert.Equal(LetterAssert.DutchDay(contact["due"]), receipt.Fields["due"]);

        var committee = Assert.Single(letters, l => l.LetterKind == "VoorgelegdAanCommissie");
        Assert.Equal(["klager", "vertegenwoordiger"], committee.Recipients.Select(r => r.Role));
        Assert.Equal(LetterAssert.DutchDay(advice["due"]), committee.Fields["due"]);
        Assert.Contains("werkwijze-klachtencommissie", committee.Attachments);

        // The decision: one letter per addressee (complainant, manager); the copies go with the complainant's.
        var decisions = letters.Where(l => l.LetterKind == "Besluit").OrderBy(l => l.Recipients[0].Role, StringComparer.Ordinal).ToList();
        Assert.Equal(2, decisions.Count);
        Assert.Equal(["klager", "klachtencommissie", "vertegenwoordiger"], decisions[0].Recipients.Select(r => r.Role));
        Assert.Contains(new LetterRecipient("klachtencommissie", "Kees Commissie", "commissie@integratiewerk.local", null, true), decisions[0].Recipients);
        Assert.Equal([new LetterRecipient("leidinggevende", "Lars Leidinggevende", "leidinggevende@integratiewerk.local", null, false)], decisions[1].Recipients);
        Assert.Equal(["klager", "leidinggevende"], decisions.Select(d => d.Fields["addresseeRole"]));
        Assert.All(decisions, d => Assert.Equal(("Gegrond", "De klacht is gegrond; excuses aangeboden."), (d.Fields["outcome"], d.Fields["decision"])));
    }

    [Fact]
    public async Task Relay_TwoHundredPendingLetters_DeliversEachOnceAndMarksThemSent()
    {
        const int Letters = 200;
        var template = new SendLetter(string.Empty, Guid.NewGuid(), "K-2026-9999", "Ontvangstbevestiging",
            [new LetterRecipient("klager", "Karin Klager", "karin.klager@example.nl", null, false)], [], new Dictionary<string, string> { ["reference"] = "K-2026-9999" }, DateTimeOffset.UtcNow);
        var ids = Enumerable.Range(0, Letters).Select(_ => Guid.NewGuid().ToString()).ToHashSet();
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
            db.OutboxMessages.AddRange(ids.Select(id => new OutboxMessageEntity
            {
                Id = id,
                MessageType = nameof(SendLetter),
                PayloadJson = ContractJson.Serialize(template with { MessageId = id }),
                CreatedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        var start = fixture.Recorder.Now;
        fixture.Factory.Services.GetRequiredService<OutboxSignal>().Wake();
        var arrived = await fixture.Recorder.WaitForAsync(d => d.Letter.ComplaintId == template.ComplaintId, Letters, TimeSpan.FromSeconds(30));
        var elapsed = arrived.Max(d => d.At) - start;
        output.WriteLine($"{Letters} letters outbox -> broker -> consumer in {elapsed.TotalMilliseconds:0} ms ({Letters / elapsed.TotalSeconds:0} letters/s); first after {(arrived.Min(d => d.At) - start).TotalMilliseconds:0} ms");

        var rows = await Eventually.Until(
            async () => (await MessagingSettings.OutboxAsync(fixture.Factory)).Where(r => ids.Contains(r.Id)).ToList(), r => r.All(m => m.SentAt is not null));
        await fixture.Recorder.FenceAsync();
        LetterAssert.ExactlyOnce(rows, fixture.Recorder.Of(template.ComplaintId));
    }
}

public sealed class SqliteOutboxRelayTests(SqliteMessagingServerFixture fixture, ITestOutputHelper output)
    : OutboxRelayTests(fixture, output), IClassFixture<SqliteMessagingServerFixture>;

public sealed class PostgreSqlOutboxRelayTests(PostgreSqlMessagingServerFixture fixture, ITestOutputHelper output)
    : OutboxRelayTests(fixture, output), IClassFixture<PostgreSqlMessagingServerFixture>;
