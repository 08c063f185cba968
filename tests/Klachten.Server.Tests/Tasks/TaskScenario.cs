using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Tasks;

/// <summary>
/// Publishes Start → Klachten.HumanTask (directeur; Akkoord/Afgewezen) → WriteLine → Finish through the Elsa API,
/// starts instances of it and reads what the server stored.
/// </summary>
internal sealed class TaskScenario(KlachtenFactory factory)
{
    public const string TaskTitle = "Beoordeel de klacht";

    public static JsonObject Definition(string definitionId, bool requireExplanation = false, bool withTerm = false)
    {
        var inputs = new JsonObject
        {
            ["title"] = Literal("String", TaskTitle),
            ["role"] = Literal("String", "directeur"),
            ["description"] = Literal("String", "Lees het dossier en beslis."),
            ["outcomes"] = Literal("String[]", """["Akkoord","Afgewezen"]"""),
        };
        if (requireExplanation)
        {
            inputs["requiredFields"] = Literal("String[]", """["toelichting"]""");
        }

        if (withTerm)
        {
            inputs["dueAmount"] = Literal("Int32", "1");
            inputs["dueUnit"] = Literal("String", "WorkingDays");
        }

        var definition = ElsaJson.Definition(definitionId, name: $"Taaktest {definitionId}");
        var root = definition["root"]!.AsObject();
        root["activities"] = new JsonArray
        {
            ElsaJson.Activity("start", "Elsa.Start"),
            ElsaJson.Activity("task", "Klachten.HumanTask", inputs),
            ElsaJson.Activity("write", "Elsa.WriteLine", new JsonObject { ["text"] = Literal("String", "Besloten") }),
            ElsaJson.Activity("finish", "Elsa.Finish"),
        };
        root["connections"] = new JsonArray
        {
            ElsaJson.Connection("start", "Done", "task"),
            ElsaJson.Connection("task", "Akkoord", "write"),
            ElsaJson.Connection("write", "Done", "finish"),
        };
        return definition;
    }

    /// <summary>Publishes the definition and starts one instance; returns the instance id.</summary>
    public async Task<string> StartAsync(bool requireExplanation = false, bool withTerm = false)
    {
        using var owner = factory.As("procesbeheerder");
        var definitionId = ElsaJson.NewDefinitionId();
        var saved = await owner.SaveAsync(Definition(definitionId, requireExplanation, withTerm), publish: true);
        saved.EnsureSuccessStatusCode();
        var started = await owner.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", ElsaJson.Body(new JsonObject()));
        started.EnsureSuccessStatusCode();
        return started.Headers.GetValues("x-elsa-workflow-instance-id").Single();
    }

    /// <summary>The task of an instance as <paramref name="client"/> sees it in the list, or null.</summary>
    public static async Task<JsonObject?> FindAsync(HttpClient client, string instanceId, string query = "scope=all")
    {
        var tasks = await client.GetFromJsonAsync<JsonArray>($"/api/tasks?{query}");
        return tasks!.Select(t => t!.AsObject()).SingleOrDefault(t => (string?)t["workflowInstanceId"] == instanceId);
    }

    /// <summary>Starts an instance and returns its task as the director sees it.</summary>
    public async Task<JsonObject> StartTaskAsync(bool requireExplanation = false, bool withTerm = false)
    {
        var instanceId = await StartAsync(requireExplanation, withTerm);
        using var director = factory.As("directeur");
        return await FindAsync(director, instanceId) ?? throw new InvalidOperationException($"No task for instance {instanceId}.");
    }

    public static StringContent Completion(JsonObject task, string outcome = "Akkoord", JsonObject? data = null, int? version = null) => ElsaJson.Body(new JsonObject
    {
        ["outcome"] = outcome,
        ["comment"] = "Gezien.",
        ["data"] = data ?? [],
        ["version"] = version ?? (int)task["version"]!,
    });

    public async Task<T> QueryAsync<T>(Func<KlachtenDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<KlachtenDbContext>());
    }

    public Task<HumanTaskEntity> TaskRowAsync(string taskId) =>
        QueryAsync(db => db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == taskId));

    public Task<WorkflowInstanceEntity> InstanceRowAsync(string instanceId) =>
        QueryAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId));

    public Task<int> CompletedCountAsync(string instanceId, string activityId) =>
        QueryAsync(db => db.JournalEntries.CountAsync(j => j.InstanceId == instanceId && j.ActivityId == activityId && j.EventName == "Completed"));

    private static JsonObject Literal(string typeName, string value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };
}
