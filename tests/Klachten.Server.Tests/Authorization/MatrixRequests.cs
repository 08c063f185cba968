using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Authorization;

/// <summary>A request the matrix can send more than once (as the cell's caller, then as the row's witness).</summary>
internal sealed record MatrixRequest(HttpMethod Method, string Path, Func<HttpContent>? Body = null)
{
    public static MatrixRequest Get(string path) => new(HttpMethod.Get, path);

    public static MatrixRequest Json(string method, string path, JsonNode body) => new(new HttpMethod(method), path, () => ElsaJson.Body(body));

    public HttpRequestMessage ToMessage(string? apiKey)
    {
        var message = new HttpRequestMessage(Method, Path) { Content = Body?.Invoke() };
        if (apiKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", $"ApiKey {apiKey}");
        }

        return message;
    }
}

/// <summary>
/// For every endpoint, a request that its handler answers with success when the caller may: real ids, valid bodies.
/// A GET without a recipe gets the shared resources for its route values (<c>{id:guid}</c> the complaint,
/// <c>/workflow-instances/{id}</c> its instance, <c>{definitionId}</c> the published definition); every other
/// endpoint needs a recipe here. Recipes of endpoints that change state build a fresh resource on each call.
/// </summary>
internal static partial class MatrixRequests
{
    private static readonly Dictionary<string, Func<MatrixServerFixture, Task<MatrixRequest>>> Recipes = new(StringComparer.Ordinal)
    {
        ["GET /api/admin/users/{userName}"] = _ => Done(MatrixRequest.Get("/api/admin/users/medewerker")),
        ["POST /api/admin/users"] = _ => Done(MatrixRequest.Json("POST", "/api/admin/users", MatrixServerFixture.NewUser(MatrixServerFixture.NewUserName()))),
        ["PATCH /api/admin/users/{userName}"] = async f => MatrixRequest.Json("PATCH", $"/api/admin/users/{await f.NewUserAsync()}", new JsonObject { ["displayName"] = "Matrix gewijzigd" }),
        ["POST /api/admin/api-keys"] = async f => MatrixRequest.Json("POST", "/api/admin/api-keys", new JsonObject { ["userName"] = await f.NewUserAsync(), ["name"] = "matrix" }),
        ["POST /api/admin/api-keys/{id:guid}/revoke"] = async f => MatrixRequest.Json("POST", $"/api/admin/api-keys/{await f.NewApiKeyAsync()}/revoke", new JsonObject()),
        ["GET /api/workflows/{**path}"] = _ => Done(MatrixRequest.Get($"/api/workflows/{MatrixServerFixture.HttpPath}")),
        ["POST /api/workflows/{**path}"] = _ => Done(MatrixRequest.Json("POST", $"/api/workflows/{MatrixServerFixture.HttpPath}", new JsonObject { ["a"] = 1 })),
        ["PUT /api/workflows/{**path}"] = _ => Done(MatrixRequest.Json("PUT", $"/api/workflows/{MatrixServerFixture.HttpPath}", new JsonObject { ["a"] = 1 })),
        ["PATCH /api/workflows/{**path}"] = _ => Done(MatrixRequest.Json("PATCH", $"/api/workflows/{MatrixServerFixture.HttpPath}", new JsonObject { ["a"] = 1 })),
        ["DELETE /api/workflows/{**path}"] = _ => Done(new MatrixRequest(HttpMethod.Delete, $"/api/workflows/{MatrixServerFixture.HttpPath}")),
        ["GET /api/calendar/holidays"] = _ => Done(MatrixRequest.Get("/api/calendar/holidays?year=2027")),
        ["GET /api/terms/preview"] = _ => Done(MatrixRequest.Get("/api/terms/preview?start=2026-12-23&amount=10&unit=WorkingDays")),
        ["POST /api/complaints"] = async f => MatrixRequest.Json("POST", "/api/complaints", ProcedureDriver.Complaint(await f.TodayAsync())),
        ["POST /api/complaints/{id:guid}/withdraw"] = async f => MatrixRequest.Json("POST", $"/api/complaints/{await f.NewComplaintAsync()}/withdraw", new JsonObject()),
        ["POST /api/complaints/{id:guid}/written-complaint"] = async f => MatrixRequest.Json("POST",
            $"/api/complaints/{await f.NewComplaintWaitingForWrittenComplaintAsync()}/written-complaint",
            new JsonObject { ["receivedOn"] = ProcedureDriver.Iso(await f.TodayAsync()) }),
        ["POST /api/dev/clock"] = async f => MatrixRequest.Json("POST", "/api/dev/clock", new JsonObject { ["now"] = (await f.NowAsync()).AddMinutes(1) }),
        ["POST /api/tasks/{id}/claim"] = async f => MatrixRequest.Json("POST", $"/api/tasks/{(await f.NewTaskAsync())["id"]}/claim", new JsonObject()),
        ["POST /api/tasks/{id}/complete"] = async f =>
        {
            var task = await f.NewTaskAsync();
            return MatrixRequest.Json("POST", $"/api/tasks/{task["id"]}/complete", new JsonObject
            {
                ["outcome"] = "Akkoord",
                ["comment"] = "Matrix",
                ["data"] = new JsonObject(),
                ["version"] = (int)task["version"]!,
            });
        },
        ["GET /elsa/api/activity-execution-summaries/list"] = f => Done(MatrixRequest.Get($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={f.InstanceId}")),
        ["GET /elsa/api/activity-executions/list"] = f => Done(MatrixRequest.Get($"/elsa/api/activity-executions/list?WorkflowInstanceId={f.InstanceId}")),
        ["GET /elsa/api/activity-executions/by-id"] = f => Done(MatrixRequest.Get($"/elsa/api/activity-executions/by-id?id={f.ExecutionId}")),
        ["POST /elsa/api/scripting/javascript/type-definitions/{workflowDefinitionId}"] = f => Done(MatrixRequest.Json("POST", $"/elsa/api/scripting/javascript/type-definitions/{f.DefinitionId}",
            new JsonObject { ["workflowDefinitionId"] = f.DefinitionId, ["activityTypeName"] = "Elsa.WriteLine", ["propertyName"] = "Text" })),
        ["POST /elsa/api/activity-executions/report"] = f => Done(MatrixRequest.Json("POST", "/elsa/api/activity-executions/report", new JsonObject { ["workflowInstanceId"] = f.InstanceId })),
        ["GET /elsa/api/workflow-definitions/by-id/{id}"] = f => Done(MatrixRequest.Get($"/elsa/api/workflow-definitions/by-id/{f.DefinitionVersionId}")),
        ["GET /elsa/api/workflow-definitions/validation/is-name-unique"] = _ => Done(MatrixRequest.Get("/elsa/api/workflow-definitions/validation/is-name-unique?name=Matrix")),
        ["POST /elsa/api/workflow-definitions"] = _ => Done(MatrixRequest.Json("POST", "/elsa/api/workflow-definitions", ElsaJson.SaveRequest(NewModel()))),
        ["POST /elsa/api/workflow-definitions/import"] = _ => Done(MatrixRequest.Json("POST", "/elsa/api/workflow-definitions/import", NewModel())),
        ["PUT /elsa/api/workflow-definitions/import"] = _ => Done(MatrixRequest.Json("PUT", "/elsa/api/workflow-definitions/import", NewModel())),
        ["POST /elsa/api/workflow-definitions/{definitionId}/import"] = _ => Done(MatrixRequest.Json("POST", $"/elsa/api/workflow-definitions/{ElsaJson.NewDefinitionId()}/import", NewModel())),
        ["PUT /elsa/api/workflow-definitions/{definitionId}/import"] = _ => Done(MatrixRequest.Json("PUT", $"/elsa/api/workflow-definitions/{ElsaJson.NewDefinitionId()}/import", NewModel())),
        ["POST /elsa/api/workflow-definitions/import-files"] = _ => Done(new MatrixRequest(HttpMethod.Post, "/elsa/api/workflow-definitions/import-files", ImportFile)),
        ["POST /elsa/api/workflow-definitions/{definitionId}/dispatch"] = f => Done(MatrixRequest.Json("POST", $"/elsa/api/workflow-definitions/{f.DefinitionId}/dispatch", new JsonObject())),
        ["POST /elsa/api/workflow-definitions/{definitionId}/execute"] = f => Done(MatrixRequest.Json("POST", $"/elsa/api/workflow-definitions/{f.DefinitionId}/execute", new JsonObject())),
        ["POST /elsa/api/workflow-definitions/{definitionId}/publish"] = async f =>
            MatrixRequest.Json("POST", $"/elsa/api/workflow-definitions/{(await f.NewDefinitionAsync(publish: false)).DefinitionId}/publish", new JsonObject()),
        ["POST /elsa/api/workflow-definitions/{definitionId}/retract"] = async f =>
            MatrixRequest.Json("POST", $"/elsa/api/workflow-definitions/{(await f.NewDefinitionAsync(publish: true)).DefinitionId}/retract", new JsonObject()),
        ["POST /elsa/api/workflow-definitions/{definitionId}/revert/{version}"] = async f =>
            MatrixRequest.Json("POST", $"/elsa/api/workflow-definitions/{(await f.NewDefinitionAsync(publish: true)).DefinitionId}/revert/1", new JsonObject()),
        // A definition that was ever published keeps its history (409); only a draft one can be deleted.
        ["DELETE /elsa/api/workflow-definitions/{definitionId}"] = async f =>
            new MatrixRequest(HttpMethod.Delete, $"/elsa/api/workflow-definitions/{(await f.NewDefinitionAsync(publish: false)).DefinitionId}"),
        ["DELETE /elsa/api/workflow-definition-versions/{id}"] = async f =>
            new MatrixRequest(HttpMethod.Delete, $"/elsa/api/workflow-definition-versions/{(await f.NewDefinitionAsync(publish: false)).VersionId}"),
        ["POST /elsa/api/events/{eventName}/trigger"] = async f => MatrixRequest.Json("POST", $"/elsa/api/events/{MatrixServerFixture.EventName}/trigger",
            new JsonObject { ["workflowInstanceId"] = await f.NewWaitingInstanceAsync() }),
        ["POST /elsa/api/workflow-instances"] = _ => Done(MatrixRequest.Json("POST", "/elsa/api/workflow-instances", new JsonObject())),
        ["POST /elsa/api/workflow-instances/{id}/journal"] = f => Done(MatrixRequest.Json("POST", $"/elsa/api/workflow-instances/{f.InstanceId}/journal", new JsonObject())),
        ["POST /elsa/api/workflow-instances/{id}/cancel"] = async f => MatrixRequest.Json("POST", $"/elsa/api/workflow-instances/{await f.NewWaitingInstanceAsync()}/cancel", new JsonObject()),
        ["POST /elsa/api/cancel/workflow-instances/{id}"] = async f => MatrixRequest.Json("POST", $"/elsa/api/cancel/workflow-instances/{await f.NewWaitingInstanceAsync()}", new JsonObject()),
        ["POST /elsa/api/workflow-instances/{id}/retry"] = async f => MatrixRequest.Json("POST", $"/elsa/api/workflow-instances/{await f.NewFaultedInstanceAsync()}/retry", new JsonObject()),
        ["DELETE /elsa/api/workflow-instances/{id}"] = async f => new MatrixRequest(HttpMethod.Delete, $"/elsa/api/workflow-instances/{await f.NewFinishedInstanceAsync()}"),
    };

    public static IEnumerable<string> Endpoints => Recipes.Keys;

    /// <summary>The request for one cell of the row <paramref name="endpoint"/> (<c>METHOD /route</c>).</summary>
    public static Task<MatrixRequest> BuildAsync(string endpoint, MatrixServerFixture fixture)
    {
        if (Recipes.TryGetValue(endpoint, out var recipe))
        {
            return recipe(fixture);
        }

        var (method, route) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        if (method is not ("GET" or "ANY"))
        {
            throw new InvalidOperationException($"'{endpoint}' changes state: give it a recipe in {nameof(MatrixRequests)} that builds a fresh resource.");
        }

        var path = RouteParameter().Replace(route, m => m.Groups[1].Value switch
        {
            "id:guid" => fixture.ComplaintId,
            "id" when route.Contains("/workflow-instances/", StringComparison.Ordinal) => fixture.InstanceId,
            "definitionId" => fixture.DefinitionId,
            _ => throw new InvalidOperationException($"'{endpoint}': no shared resource for '{m.Value}'; give it a recipe in {nameof(MatrixRequests)}."),
        });
        return Done(MatrixRequest.Get(path));
    }

    private static Task<MatrixRequest> Done(MatrixRequest request) => Task.FromResult(request);

    private static JsonObject NewModel()
    {
        var id = ElsaJson.NewDefinitionId();
        return ElsaJson.Definition(id, $"Matrix {id}");
    }

    private static MultipartFormDataContent ImportFile()
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(NewModel().ToJsonString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new MultipartFormDataContent { { file, "files", string.Create(CultureInfo.InvariantCulture, $"matrix-{Guid.NewGuid():N}.json") } };
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();
}
