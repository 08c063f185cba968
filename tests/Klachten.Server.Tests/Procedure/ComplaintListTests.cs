using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// <c>GET /api/complaints</c> lists registered complaints with their fields, newest first, filtered by status and
/// search text and paged. Each test searches for a complainant name of its own, so other tests' cases do not count.
/// </summary>
public abstract class ComplaintListTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task List_RegisteredComplaint_IsListedWithItsFields()
    {
        var today = await _driver.TodayAsync();
        var (name, body) = Named(today, "Informal");
        body["category"] = "ServiceEffects";
        var complaint = await _driver.RegisterAsync(body);

        var list = await ListAsync($"search={Uri.EscapeDataString(name)}");

        Assert.Equal(1, (int)list["totalCount"]!);
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(
            (complaint.Id.ToString(), complaint.Reference, "Informal", "Informal", "ServiceEffects", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), complaint.InstanceId),
            ((string?)item["id"], (string?)item["reference"], (string?)item["status"], (string?)item["stage"], (string?)item["category"], (string?)item["receivedOn"], (string?)item["workflowInstanceId"]));
    }

    [Fact]
    public async Task List_TwoComplaints_NewestFirstFilteredByStatusAndPaged()
    {
        var today = await _driver.TodayAsync();
        var (name, informal) = Named(today, "Informal");
        var first = await _driver.RegisterAsync(informal);
        var formal = ProcedureDriver.Complaint(today);
        formal["complainant"]!["name"] = name;
        var second = await _driver.RegisterAsync(formal);
        var search = $"search={Uri.EscapeDataString(name)}";

        var all = await ListAsync(search);
        var received = await ListAsync(search + "&status=Received");
        var secondPage = await ListAsync(search + "&page=1&pageSize=1");

        Assert.Equal([second.Reference, first.Reference], References(all));
        Assert.Equal(2, (int)all["totalCount"]!);
        Assert.Equal([second.Reference], References(received));
        Assert.Equal("Received", (string?)received["items"]![0]!["status"]);
        Assert.Equal([first.Reference], References(secondPage));
        Assert.Equal((1, 1, 2), ((int)secondPage["page"]!, (int)secondPage["pageSize"]!, (int)secondPage["totalCount"]!));
    }

    // The registering medewerker is the complaints' concerned employee (never shown them): the director lists.
    private async Task<JsonObject> ListAsync(string query) =>
        (await _driver.As("directeur").GetFromJsonAsync<JsonObject>("/api/complaints?" + query))!;

    private static (string Name, JsonObject Body) Named(DateOnly today, string stage)
    {
        var name = "Lijst " + Guid.NewGuid().ToString("N")[..12];
        var body = ProcedureDriver.Complaint(today, stage);
        body["complainant"]!["name"] = name;
        return (name, body);
    }

    private static List<string?> References(JsonObject list) => list["items"]!.AsArray().Select(i => (string?)i!["reference"]).ToList();
}

public sealed class SqliteComplaintListTests(SqliteProcedureFixture fixture)
    : ComplaintListTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlComplaintListTests(PostgreSqlProcedureFixture fixture)
    : ComplaintListTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
