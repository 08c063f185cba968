using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Procedure;

namespace Klachten.Server.Tests.Messaging;

/// <summary>Complaints that request letters, and the checks on what reached the broker.</summary>
internal static class LetterAssert
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>A formal complaint with a representative, so letters go to the klager with copies.</summary>
    public static JsonObject WithRepresentative(DateOnly receivedOn)
    {
        var body = ProcedureDriver.Complaint(receivedOn);
        body["representative"] = new JsonObject { ["name"] = "Rob Raadsman", ["kind"] = "Expert", ["email"] = "rob.raadsman@example.nl" };
        return body;
    }

    /// <summary>A complaint about an event more than two years back: registered NotAdmissible, with one letter at once.</summary>
    public static JsonObject Lapsed(DateOnly receivedOn, int number)
    {
        var body = ProcedureDriver.Complaint(receivedOn);
        body["eventDate"] = ProcedureDriver.Iso(receivedOn.AddYears(-3));
        body["complainant"]!["name"] = $"Klager {number}";
        return body;
    }

    /// <summary>A date as the letters show it ("4 januari 2027"), from the API's yyyy-MM-dd.</summary>
    public static string DutchDay(JsonNode? isoDate) => ProcedureDriver.Date(isoDate).ToString("d MMMM yyyy", Dutch);

    /// <summary>
    /// Every outbox row was delivered exactly once and nothing else arrived (fence markers aside): the deliveries'
    /// envelope ids are the rows' ids, and no id came twice.
    /// </summary>
    public static void ExactlyOnce(IEnumerable<OutboxMessageEntity> rows, IEnumerable<Delivery> deliveries)
    {
        var expected = rows.Select(r => Guid.Parse(r.Id)).Order().ToList();
        Assert.NotEmpty(expected);
        var delivered = deliveries.Where(d => d.Letter.LetterKind != "Fence").ToList();
        var twice = delivered.GroupBy(d => d.MessageId).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(twice.Count == 0, $"Delivered more than once: {string.Join(", ", twice)}");
        Assert.All(delivered, d => Assert.Equal(d.MessageId?.ToString(), d.Letter.MessageId));
        Assert.Equal(expected, delivered.Select(d => d.MessageId ?? Guid.Empty).Order().ToList());
    }
}
