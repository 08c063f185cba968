using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;

namespace Klachten.Server.Features.Descriptors;

/// <summary>
/// The descriptor lists Elsa Studio loads with the editor and the viewer (docs/elsa-studio-api.md §4). Every one is required:
/// a missing list breaks Studio with an unhandled error, so the ones we have nothing for answer an honest short list.
/// </summary>
internal static class DescriptorsEndpoints
{
    public static RouteGroupBuilder MapDescriptors(this RouteGroupBuilder elsa)
    {
        // The catalog is fixed for the process lifetime, so its descriptors are built once; workflows usable as
        // activities follow what is published, so they are read on every call.
        JsonObject? activities = null;
        elsa.MapGet("/descriptors/activities", async (ActivityCatalog catalog, KlachtenDbContext db, CancellationToken cancellationToken) =>
        {
            activities ??= ActivityDescriptors.Build(catalog);
            var workflows = await WorkflowActivityDescriptors.BuildAsync(db, cancellationToken);
            if (workflows.Count == 0)
            {
                return TypedResults.Json(activities);
            }

            var items = activities["items"]!.AsArray().Select(i => i!.DeepClone()).Concat(workflows).ToArray();
            return TypedResults.Json(new JsonObject { ["items"] = new JsonArray(items), ["count"] = items.Length });
        });
        elsa.MapGet("/descriptors/expression-descriptors", () => TypedResults.Json(List(ExpressionDescriptors())));
        elsa.MapGet("/descriptors/workflow-activation-strategies", () => TypedResults.Json(List(
            Strategy("Elsa.Workflows.Runtime.ActivationStrategies.AllowAlwaysStrategy", "Altijd", "Elke start maakt een nieuwe instantie."))));
        elsa.MapGet("/descriptors/incident-strategies", () => TypedResults.Json(List(
            Strategy("Elsa.Workflows.IncidentStrategies.FaultStrategy", "Fout", "Een fout zet de instantie in de status Faulted."))));
        elsa.MapGet("/descriptors/log-persistence-strategies", () => TypedResults.Json(List(
            Strategy("Elsa.Workflows.LogPersistence.Strategies.Include", "Opslaan", "Het logboek wordt bewaard."))));
        elsa.MapGet("/descriptors/commit-strategies/workflows", () => TypedResults.Json(List()));
        elsa.MapGet("/descriptors/commit-strategies/activities", () => TypedResults.Json(List()));
        elsa.MapGet("/descriptors/storage-drivers", () => TypedResults.Json(new JsonObject
        {
            ["items"] = new JsonArray(
                StorageDriver("Elsa.Workflows.Runtime.StorageDrivers.WorkflowInstanceStorageDriver", "Workflow-instantie", 0)),
        }));
        elsa.MapGet("/descriptors/variables", () => TypedResults.Json(new JsonObject
        {
            ["items"] = new JsonArray(
                VariableType("String", "Tekst", "Primitieven", "Een tekst."),
                VariableType("Int32", "Geheel getal", "Primitieven", "Een geheel getal."),
                VariableType("Boolean", "Ja/nee", "Primitieven", "Waar of onwaar."),
                VariableType("DateTimeOffset", "Tijdstip", "Primitieven", "Een tijdstip met tijdzone."),
                VariableType("Object", "Object", "Primitieven", "Een JSON-waarde."),
                VariableType("String[]", "Lijst van teksten", "Lijsten", "Een lijst met teksten.")),
        }));
        elsa.MapGet("/features/installed", () => TypedResults.Json(List(
            Feature("Workflows", "Elsa", "Workflows", "Workflows uitvoeren en beheren."),
            Feature("JavaScript", "Elsa", "JavaScript", "JavaScript-expressies (Jint)."),
            Feature("Liquid", "Elsa", "Liquid", "Liquid-expressies (Fluid)."))));
        return elsa;
    }

    private static JsonObject List(params JsonNode?[] items) =>
        new() { ["items"] = new JsonArray(items), ["count"] = items.Length };

    private static JsonNode?[] ExpressionDescriptors() =>
    [
        Expression("Literal", "Letterlijk", null),
        Expression("Object", "Object", "json"),
        Expression("JavaScript", "JavaScript", "javascript"),
        Expression("Liquid", "Liquid", "liquid"),
        Expression("Variable", "Variabele", null, isBrowsable: false),
        Expression("Input", "Invoer", null, isBrowsable: false),
    ];

    private static JsonObject Expression(string type, string displayName, string? monacoLanguage, bool isBrowsable = true)
    {
        var properties = new JsonObject();
        if (monacoLanguage is not null)
        {
            properties["MonacoLanguage"] = monacoLanguage;
        }

        return new JsonObject
        {
            ["type"] = type,
            ["displayName"] = displayName,
            ["isSerializable"] = true,
            ["isBrowsable"] = isBrowsable,
            ["properties"] = properties,
        };
    }

    private static JsonObject Strategy(string typeName, string displayName, string description) =>
        new() { ["typeName"] = typeName, ["displayName"] = displayName, ["description"] = description };

    private static JsonObject StorageDriver(string typeName, string displayName, int priority) =>
        new() { ["typeName"] = typeName, ["displayName"] = displayName, ["priority"] = priority, ["deprecated"] = false };

    private static JsonObject VariableType(string typeName, string displayName, string category, string description) =>
        new() { ["typeName"] = typeName, ["displayName"] = displayName, ["category"] = category, ["description"] = description };

    private static JsonObject Feature(string name, string ns, string displayName, string description) => new()
    {
        ["name"] = name,
        ["namespace"] = ns,
        ["fullName"] = $"{ns}.{name}",
        ["displayName"] = displayName,
        ["description"] = description,
    };
}
