using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Contracts;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// The contract's JSON of a case and of a page of the case list (api-contract.md): field names, their order and the
/// nulls as clients read them. Statuses go out as their names; instants with the Dutch offset, dates as yyyy-MM-dd.
/// </summary>
internal static class CaseJson
{
    public static JsonObject Of(CaseRecord c) => new()
    {
        ["id"] = c.Id,
        ["reference"] = c.Reference,
        ["status"] = c.Status.ToString(),
        ["stage"] = c.Stage,
        ["category"] = c.Category,
        ["discriminationGround"] = c.DiscriminationGround,
        ["discriminationGroundText"] = c.DiscriminationGroundText,
        ["complainant"] = new JsonObject { ["name"] = c.Complainant.Name, ["email"] = c.Complainant.Email, ["postalAddress"] = c.Complainant.PostalAddress },
        ["representative"] = c.Representative is not { } r ? null : new JsonObject { ["name"] = r.Name, ["kind"] = r.Kind, ["email"] = r.Email },
        ["eventDate"] = Date(c.EventDate),
        ["receivedOn"] = Date(c.ReceivedOn),
        ["concernedEmployee"] = c.ConcernedEmployee,
        ["manager"] = c.Manager,
        ["description"] = c.Description,
        ["workflowInstanceId"] = c.WorkflowInstanceId,
        ["createdAt"] = Local(c.CreatedAt),
        ["terms"] = Array(c.Terms, t => new JsonObject
        {
            ["name"] = t.Name,
            ["due"] = Date(t.Due),
            ["expiresAt"] = Local(t.ExpiresAt),
            ["met"] = t.Met,
            ["metOn"] = t.MetOn is { } metOn ? Date(metOn) : null,
        }),
        ["tasks"] = Array(c.Tasks, t => new JsonObject
        {
            ["id"] = t.Id,
            ["title"] = t.Title,
            ["role"] = t.Role,
            ["status"] = t.Status.ToString(),
            ["assignee"] = t.Assignee,
            ["outcome"] = t.Outcome,
            ["due"] = t.Due is { } due ? Date(due) : null,
            ["expiresAt"] = Local(t.ExpiresAt),
            ["overdue"] = t.Overdue,
            ["completedAt"] = Local(t.CompletedAt),
        }),
        ["letters"] = Array(c.Letters, l => new JsonObject
        {
            ["id"] = l.Id,
            ["kind"] = l.Kind,
            ["recipients"] = Array(l.Recipients, r => new JsonObject { ["role"] = r.Role, ["copy"] = r.Copy }),
            ["status"] = l.Status.ToString(),
            ["requestedAt"] = Local(l.RequestedAt),
            ["sentAt"] = Local(l.SentAt),
            ["sha256"] = l.Sha256,
            ["hasPdf"] = l.HasPdf,
        }),
        ["timeline"] = Array(c.Timeline, e => new JsonObject { ["at"] = Local(e.At), ["kind"] = e.Kind, ["text"] = e.Text }),
    };

    public static JsonObject Of(CasePage page) => new()
    {
        ["items"] = Array(page.Items, c => new JsonObject
        {
            ["id"] = c.Id,
            ["reference"] = c.Reference,
            ["status"] = c.Status.ToString(),
            ["stage"] = c.Stage,
            ["category"] = c.Category,
            ["receivedOn"] = Date(c.ReceivedOn),
            ["workflowInstanceId"] = c.WorkflowInstanceId,
        }),
        ["page"] = page.Page,
        ["pageSize"] = page.PageSize,
        ["totalCount"] = page.TotalCount,
    };

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonObject> map) => new([.. items.Select(i => (JsonNode?)map(i))]);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Stored in UTC; shown with the Dutch offset like every other instant of the API.
    private static DateTimeOffset? Local(DateTimeOffset? instant) => AmsterdamTime.Local(instant);
}
