using System.Text.RegularExpressions;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// The exact JSON of <c>GET /api/complaints/{id}</c> for a case with terms, tasks (open and completed), letters and a
/// timeline: field names, their order, nulls and the order of arrays. Captured before the case handler produced typed
/// records, so mapping them to the contract cannot change what clients read. Ids, instants and dates are masked.
/// </summary>
public sealed partial class CaseJsonTests(SqliteProcedureFixture fixture) : IClassFixture<SqliteProcedureFixture>
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task GetComplaint_WithTasksLettersAndTimeline_KeepsTheContractJson()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        body["representative"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Rob Raadsman", ["kind"] = "Expert" };
        var complaint = await _driver.RegisterAsync(body);
        await _driver.ConfirmReceiptAsync(complaint);
        // The letter is sent by the relay, after its step: settled before the next step, so its line has one place.
        await _driver.LettersSettledAsync();
        await _driver.ContactAsync(complaint);

        var json = await (await _driver.As("directeur").GetAsync($"/api/complaints/{complaint.Id}")).Content.ReadAsStringAsync();

        // To capture the JSON again (after a deliberate contract change), set this variable to a file path.
        if (Environment.GetEnvironmentVariable("KLACHTEN_CAPTURE_CASE_JSON") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, Mask(json));
        }

        Assert.Equal(Ordered(Compact(Expected)), Ordered(Mask(json)));
    }

    // Tasks created in one step (receipt and contact) share their creation instant, and the database returns such ties
    // in either order (before and after the read models alike): terms and tasks are compared in title order.
    private static string Ordered(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        foreach (var (array, key) in new[] { ("terms", "name"), ("tasks", "title") })
        {
            var items = node[array]!.AsArray().Select(i => i!.DeepClone()).OrderBy(i => (string?)i[key], StringComparer.Ordinal).ToList();
            node[array] = new System.Text.Json.Nodes.JsonArray([.. items]);
        }

        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    // The expectation is written indented for review; the API answers compact JSON (no string holds a line break).
    private static string Compact(string indented) =>
        System.Text.Json.Nodes.JsonNode.Parse(indented)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Mask(string json)
    {
        json = Guid().Replace(json, "<guid>");
        json = Hash().Replace(json, "<sha256>");
        json = Instant().Replace(json, "<instant>");
        json = Date().Replace(json, "<date>");
        json = DutchDate().Replace(json, "<datum>");
        return Reference().Replace(json, "K-<nr>");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("[0-9a-f]{32,64}")]
    private static partial Regex Hash();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)")]
    private static partial Regex Instant();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d")]
    private static partial Regex Date();

    [GeneratedRegex(@"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}")]
    private static partial Regex DutchDate();

    [GeneratedRegex(@"K-\d{4}-\d{4}")]
    private static partial Regex Reference();

    private const string Expected = """
        {
          "id": "<guid>",
          "reference": "K-<nr>",
          "status": "InConversation",
          "stage": "Formal",
          "category": "Treatment",
          "discriminationGround": null,
          "discriminationGroundText": null,
          "complainant": {
            "name": "Karin Klager",
            "email": "karin.klager@example.nl",
            "postalAddress": "Dorpsstraat 1, 1234 AB Ergens"
          },
          "representative": {
            "name": "Rob Raadsman",
            "kind": "Expert",
            "email": null
          },
          "eventDate": "<date>",
          "receivedOn": "<date>",
          "concernedEmployee": "medewerker",
          "manager": "leidinggevende",
          "description": "De klant voelt zich niet correct behandeld tijdens het gesprek.",
          "workflowInstanceId": "<sha256>",
          "createdAt": "<instant>",
          "terms": [
            {
              "name": "Bevestig de ontvangst van de klacht schriftelijk",
              "due": "<date>",
              "expiresAt": "<instant>",
              "met": true,
              "metOn": "<date>"
            },
            {
              "name": "Neem contact op met de klager",
              "due": "<date>",
              "expiresAt": "<instant>",
              "met": true,
              "metOn": "<date>"
            },
            {
              "name": "Leg de klacht met rapportage voor aan de Klachtencommissie",
              "due": "<date>",
              "expiresAt": "<instant>",
              "met": null,
              "metOn": null
            }
          ],
          "tasks": [
            {
              "id": "<guid>",
              "title": "Bevestig de ontvangst van de klacht schriftelijk",
              "role": "directeur",
              "status": "Completed",
              "assignee": "directeur",
              "outcome": "Bevestigd",
              "due": "<date>",
              "expiresAt": "<instant>",
              "overdue": false,
              "completedAt": "<instant>"
            },
            {
              "id": "<guid>",
              "title": "Neem contact op met de klager",
              "role": "directeur",
              "status": "Completed",
              "assignee": "directeur",
              "outcome": "Niet ingetrokken",
              "due": "<date>",
              "expiresAt": "<instant>",
              "overdue": false,
              "completedAt": "<instant>"
            },
            {
              "id": "<guid>",
              "title": "Leg de klacht met rapportage voor aan de Klachtencommissie",
              "role": "directeur",
              "status": "Open",
              "assignee": null,
              "outcome": null,
              "due": "<date>",
              "expiresAt": "<instant>",
              "overdue": false,
              "completedAt": null
            }
          ],
          "letters": [
            {
              "id": "<guid>",
              "kind": "Ontvangstbevestiging",
              "recipients": [
                {
                  "role": "klager",
                  "copy": false
                },
                {
                  "role": "leidinggevende",
                  "copy": true
                },
                {
                  "role": "vertegenwoordiger",
                  "copy": true
                }
              ],
              "status": "Sent",
              "requestedAt": "<instant>",
              "sentAt": "<instant>",
              "sha256": "<sha256>",
              "hasPdf": true
            }
          ],
          "timeline": [
            {
              "at": "<instant>",
              "kind": "Registered",
              "text": "Klacht K-<nr> geregistreerd."
            },
            {
              "at": "<instant>",
              "kind": "TaskCreated",
              "text": "Taak 'Bevestig de ontvangst van de klacht schriftelijk' voor de rol directeur (uiterlijk <datum>)."
            },
            {
              "at": "<instant>",
              "kind": "TaskCreated",
              "text": "Taak 'Neem contact op met de klager' voor de rol directeur (uiterlijk <datum>)."
            },
            {
              "at": "<instant>",
              "kind": "LetterRequested",
              "text": "Brief 'Ontvangstbevestiging' aangevraagd."
            },
            {
              "at": "<instant>",
              "kind": "Status",
              "text": "Status: in gesprek met de klager."
            },
            {
              "at": "<instant>",
              "kind": "LetterSent",
              "text": "Brief 'Ontvangstbevestiging' verzonden (per post aan 1 geadresseerde(n))."
            },
            {
              "at": "<instant>",
              "kind": "TaskCreated",
              "text": "Taak 'Leg de klacht met rapportage voor aan de Klachtencommissie' voor de rol directeur (uiterlijk <datum>)."
            }
          ]
        }
        """;
}
