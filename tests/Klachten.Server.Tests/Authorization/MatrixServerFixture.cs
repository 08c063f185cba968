using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Instances;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Tasks;

namespace Klachten.Server.Tests.Authorization;

/// <summary>
/// The matrix's server: manual clock (so the dev clock is mapped), <c>/metrics</c> not anonymous (the production
/// rule). Shared, read-only resources: a complaint about the medewerker (manager: leidinggevende), its instance and
/// one of its activity executions, and a published definition. Cells that change state take a fresh resource from
/// the <c>New…Async</c> methods, so that no cell depends on another or on their order.
/// </summary>
public sealed class MatrixServerFixture() : ManualClockServerFixture(Provider.Sqlite)
{
    private ProcedureDriver _driver = null!;

    public string ComplaintId { get; private set; } = "";

    public string InstanceId { get; private set; } = "";

    public string ExecutionId { get; private set; } = "";

    /// <summary>Published Start → WriteLine → Finish: an instance of it finishes at once.</summary>
    public string DefinitionId { get; private set; } = "";

    public string DefinitionVersionId { get; private set; } = "";

    private string TaskDefinitionId { get; set; } = "";

    private string WaitingDefinitionId { get; set; } = "";

    private string FaultingDefinitionId { get; set; } = "";

    public const string EventName = "MatrixGebeurtenis";

    public HttpClient As(string user) => _driver.As(user);

    public Task<DateOnly> TodayAsync() => _driver.TodayAsync();

    public Task<DateTimeOffset> NowAsync() => _driver.NowAsync();

    /// <summary>A formal complaint about the medewerker, managed by the leidinggevende, registered by the director.</summary>
    public async Task<string> NewComplaintAsync(string stage = "Formal")
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await TodayAsync(), stage), "directeur");
        return complaint.Id.ToString();
    }

    /// <summary>An informal complaint whose employee and manager did not resolve it: it waits for the written complaint.</summary>
    public async Task<string> NewComplaintWaitingForWrittenComplaintAsync()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await TodayAsync(), "Informal"), "directeur");
        await _driver.CompleteOpenTaskAsync("medewerker", complaint, Titles.Employee, "Niet opgelost");
        await _driver.CompleteOpenTaskAsync("leidinggevende", complaint, Titles.Manager, "Niet opgelost");
        return complaint.Id.ToString();
    }

    /// <summary>An open director's task (outcomes Akkoord/Afgewezen) of a new instance, as the task list shows it.</summary>
    public async Task<JsonObject> NewTaskAsync()
    {
        var instanceId = await NewInstanceAsync(TaskDefinitionId);
        return await TaskScenario.FindAsync(As("directeur"), instanceId) ?? throw new InvalidOperationException($"No task for instance {instanceId}.");
    }

    /// <summary>A new medewerker account, created by the beheerder; returns its user name.</summary>
    public async Task<string> NewUserAsync()
    {
        var userName = NewUserName();
        using var response = await As("beheerder").PostAsync("/api/admin/users", ElsaJson.Body(NewUser(userName)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return userName;
    }

    /// <summary>A new active API key of a new account; returns the key's id.</summary>
    public async Task<string> NewApiKeyAsync()
    {
        var body = new JsonObject { ["userName"] = await NewUserAsync(), ["name"] = "matrix" };
        using var response = await As("beheerder").PostAsync("/api/admin/api-keys", ElsaJson.Body(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (string)(await response.ReadObjectAsync())["id"]!;
    }

    public static string NewUserName() => $"matrix-{Guid.NewGuid():N}"[..20];

    public static JsonObject NewUser(string userName) =>
        new() { ["userName"] = userName, ["displayName"] = "Matrix Gebruiker", ["roles"] = new JsonArray("medewerker") };

    public Task<string> NewWaitingInstanceAsync() => NewInstanceAsync(WaitingDefinitionId);

    public Task<string> NewFaultedInstanceAsync() => NewInstanceAsync(FaultingDefinitionId);

    public Task<string> NewFinishedInstanceAsync() => NewInstanceAsync(DefinitionId);

    /// <summary>A new definition with one version, a draft or published; returns its definition id and version id.</summary>
    public async Task<(string DefinitionId, string VersionId)> NewDefinitionAsync(bool publish)
    {
        var definitionId = ElsaJson.NewDefinitionId();
        using var response = await As("procesbeheerder").SaveAsync(ElsaJson.Definition(definitionId, $"Matrix {definitionId}"), publish);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (definitionId, (string)(await response.ReadObjectAsync())["workflowDefinition"]!["id"]!);
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Klachten:Telemetry:AnonymousMetrics"] = "false";
    }

    protected override async Task OnStartedAsync()
    {
        _driver = new ProcedureDriver(Factory);
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await TodayAsync()), "directeur");
        (ComplaintId, InstanceId) = (complaint.Id.ToString(), complaint.InstanceId);
        var executions = await As("directeur").GetJsonAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={InstanceId}");
        ExecutionId = (string)executions["items"]![0]!["id"]!;
        (DefinitionId, DefinitionVersionId) = await NewDefinitionAsync(publish: true);
        TaskDefinitionId = await PublishAsync(id => TaskScenario.Definition(id));
        WaitingDefinitionId = await PublishAsync(id => InstanceFlows.Waiting(id, EventName));
        FaultingDefinitionId = await PublishAsync(InstanceFlows.Faulting);
        await PublishAsync(HttpEndpointDefinition);
    }

    /// <summary>The path under <c>/workflows</c> the matrix's HTTP endpoint answers on, for every method.</summary>
    public const string HttpPath = "matrix";

    // HttpEndpoint (every method) → WriteHttpResponse "ok".
    private static JsonObject HttpEndpointDefinition(string id)
    {
        var endpoint = new JsonObject
        {
            ["id"] = "http", ["type"] = "Elsa.HttpEndpoint", ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
            ["path"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = HttpPath } },
            ["supportedMethods"] = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"GET\",\"POST\",\"PUT\",\"PATCH\",\"DELETE\"]" } },
        };
        var answer = new JsonObject
        {
            ["id"] = "answer", ["type"] = "Elsa.WriteHttpResponse", ["version"] = 1,
            ["content"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "ok" } },
        };
        return new JsonObject
        {
            ["definitionId"] = id, ["name"] = $"Matrix HTTP {id}", ["version"] = 1,
            ["root"] = new JsonObject
            {
                ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = new JsonArray(endpoint, answer),
                ["connections"] = new JsonArray(ElsaJson.Connection("http", "Done", "answer")),
            },
        };
    }

    private async Task<string> PublishAsync(Func<string, JsonObject> definition)
    {
        var id = ElsaJson.NewDefinitionId();
        await As("procesbeheerder").PublishAsync(definition(id));
        return id;
    }

    private async Task<string> NewInstanceAsync(string definitionId) => await As("procesbeheerder").StartAsync(definitionId);
}
