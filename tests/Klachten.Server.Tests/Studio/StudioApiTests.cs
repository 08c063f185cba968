using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Studio;

/// <summary>The /elsa/api parts only Studio needs (descriptors, publish validation, impartiality) and the /studio host.</summary>
public sealed class StudioApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task ActivityDescriptors_DescribeEveryCatalogTypeOnceInCamelCase()
    {
        var items = (await GetAsync(_owner, "/elsa/api/descriptors/activities?Refresh=True"))["items"]!.AsArray();
        var keys = items.Select(i => $"{i!["typeName"]}@{i["version"]}").ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.NotEmpty(items);
        // Elsa hides these three from the toolbox (they are roots or code-first); everything else is offered.
        Assert.Equal(["Elsa.Fork", "Elsa.Parallel", "Elsa.Sequence"], items.Where(i => !(bool)i!["isBrowsable"]!).Select(i => (string)i!["typeName"]!).Order(StringComparer.Ordinal));
        Assert.All(items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)i!["category"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)i["displayName"]));
            Assert.Null(i["TypeName"]);
        });
        // Every type the shipped procedure uses has a descriptor (an unknown one blanks Studio's canvas).
        var procedure = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "klachtenprocedure.json")))!;
        var used = procedure["root"]!["activities"]!.AsArray().Select(a => (string)a!["type"]!).Append("Elsa.Flowchart").ToHashSet();
        Assert.Subset(items.Select(i => (string)i!["typeName"]!).ToHashSet(), used);
        Assert.Contains(items, i => (string)i!["category"]! == "Klachten" && ((string)i["typeName"]!).StartsWith("Klachten.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActivityDescriptors_HumanTaskRoleAndTermUnitAreDropdowns_TermHasItsFlowPort()
    {
        var items = (await GetAsync(_owner, "/elsa/api/descriptors/activities"))["items"]!.AsArray();
        var task = items.Single(i => (string)i!["typeName"]! == "Klachten.HumanTask")!;
        var role = task["inputs"]!.AsArray().Single(i => (string)i!["name"]! == "Role")!;
        Assert.Equal("dropdown", (string)role["uiHint"]!);
        var roles = role["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(o => (string)o!["value"]!).ToList();
        Assert.Contains("medewerker", roles);
        Assert.Contains("klachtencommissie", roles);
        Assert.Equal("dynamic-outcomes", (string)task["inputs"]!.AsArray().Single(i => (string)i!["name"]! == "Outcomes")!["uiHint"]!);

        var term = items.Single(i => (string)i!["typeName"]! == "Klachten.Term")!;
        var unit = term["inputs"]!.AsArray().Single(i => (string)i!["name"]! == "Unit")!;
        var units = unit["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(o => (string)o!["value"]!).ToList();
        Assert.Equal(["WorkingDays", "CalendarDays", "Weeks"], units);
        var port = Assert.Single(term["ports"]!.AsArray());
        Assert.Equal("Flow", (string)port!["type"]!);
    }

    [Theory]
    [InlineData("/elsa/api/descriptors/expression-descriptors", "items")]
    [InlineData("/elsa/api/descriptors/workflow-activation-strategies", "items")]
    [InlineData("/elsa/api/descriptors/incident-strategies", "items")]
    [InlineData("/elsa/api/descriptors/log-persistence-strategies", "items")]
    [InlineData("/elsa/api/descriptors/commit-strategies/workflows", "items")]
    [InlineData("/elsa/api/descriptors/storage-drivers", "items")]
    [InlineData("/elsa/api/descriptors/variables", "items")]
    [InlineData("/elsa/api/features/installed", "items")]
    public async Task DescriptorLists_AnswerWithItems(string path, string property)
    {
        var json = await GetAsync(fixture.Factory.As("medewerker"), path);
        Assert.IsType<JsonArray>(json[property]);
    }

    [Fact]
    public async Task Descriptors_WithoutKey_Return401()
    {
        using var anonymous = fixture.Factory.CreateClient(null);
        using var response = await anonymous.GetAsync("/elsa/api/descriptors/activities");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Publish_TermWithoutAmount_Refused_DraftSaveAllowed_PublishedVersionStays()
    {
        var id = ElsaJson.NewDefinitionId();
        Assert.Equal(HttpStatusCode.OK, (await _owner.SaveAsync(ElsaJson.Definition(id), publish: true)).StatusCode);

        var model = ElsaJson.Definition(id);
        model["root"]!["activities"]!.AsArray().Add(ElsaJson.Activity("termijn", "Klachten.Term"));
        using (var draft = await _owner.SaveAsync((JsonObject)model.DeepClone(), publish: false))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        }

        using var refused = await _owner.SaveAsync((JsonObject)model.DeepClone(), publish: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("geen aantal", (await refused.ReadObjectAsync())["errors"]![""]![0]!.ToString(), StringComparison.Ordinal);

        using var listPublish = await _owner.PublishAsync(id);
        Assert.Equal(HttpStatusCode.BadRequest, listPublish.StatusCode);

        var published = await GetAsync(_owner, $"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Published");
        Assert.Equal(1, (int)published["version"]!);
    }

    [Fact]
    public async Task Publish_JavaScriptThatDoesNotParse_Refused()
    {
        var model = ElsaJson.Definition(ElsaJson.NewDefinitionId());
        model["root"]!["activities"]!.AsArray().Add(ElsaJson.Activity("schrijf2", "Elsa.WriteLine", new JsonObject
        {
            ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('x' +" } },
        }));
        using var refused = await _owner.SaveAsync(model, publish: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("JavaScript", (await refused.ReadObjectAsync())["errors"]![""]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ByViewer_Forbidden_AndListOmitsPublishLinks()
    {
        var viewer = fixture.Factory.As("directeur");
        using var save = await viewer.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        var list = await GetAsync(viewer, "/elsa/api/workflow-definitions?versionOptions=Latest");
        Assert.DoesNotContain(list["items"]!.AsArray().SelectMany(i => i!["links"]!.AsArray()), l => (string)l!["rel"]! == "publish");
    }

    [Fact]
    public async Task Instance_OfComplaintAboutMedewerker_IsHiddenFromMedewerker()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var register = await fixture.Factory.As("leidinggevende").PostAsync("/api/complaints", ElsaJson.Body(new JsonObject
        {
            ["complainant"] = new JsonObject { ["name"] = "Karin Klager", ["email"] = "karin@example.nl" },
            ["category"] = "Treatment",
            ["eventDate"] = today.AddDays(-10).ToString("yyyy-MM-dd"),
            ["receivedOn"] = today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["stage"] = "Formal",
            ["concernedEmployee"] = "medewerker",
            ["manager"] = "leidinggevende",
            ["description"] = "Onheus bejegend.",
        }));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var instanceId = (string)(await register.ReadObjectAsync())["workflowInstanceId"]!;

        var medewerker = fixture.Factory.As("medewerker");
        foreach (var path in new[]
                 {
                     $"/elsa/api/workflow-instances/{instanceId}", $"/elsa/api/workflow-instances/{instanceId}/variables",
                     $"/elsa/api/workflow-instances/{instanceId}/journal", $"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={instanceId}",
                 })
        {
            using var response = await medewerker.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }

        using var report = await medewerker.PostAsync("/elsa/api/activity-executions/report", ElsaJson.Body(new JsonObject { ["workflowInstanceId"] = instanceId }));
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        using var list = await medewerker.PostAsync("/elsa/api/workflow-instances", ElsaJson.Body(new JsonObject()));
        Assert.DoesNotContain((await list.ReadObjectAsync())["items"]!.AsArray(), i => (string)i!["id"]! == instanceId);

        // Someone not concerned sees it.
        var directeur = await GetAsync(fixture.Factory.As("directeur"), $"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal(instanceId, (string)directeur["id"]!);
    }

    [Fact]
    public async Task StudioToken_IssuedForApiKey_ActsAsThatUser_GarbageRefused()
    {
        var token = (string)(await GetAsync(fixture.Factory.As("medewerker"), "/studio/token"))["token"]!;
        using var bearer = fixture.Factory.CreateClient(null);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var ok = await bearer.GetAsync("/elsa/api/features/installed"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var write = await bearer.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId())))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }

        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        using var refused = await bearer.GetAsync("/elsa/api/features/installed");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var anonymous = fixture.Factory.CreateClient(null);
        using var noSession = await anonymous.GetAsync("/studio/token");
        Assert.Equal(HttpStatusCode.Unauthorized, noSession.StatusCode);
    }

    [Theory]
    [InlineData("_framework/blazor.webassembly.js", "text/javascript")]
    [InlineData("_framework/icudt.oh1zvcfom8.dat", "application/octet-stream")]
    [InlineData("_framework/BlazorMonaco.98tzo6dc2v.wasm", "application/wasm")]
    [InlineData("appsettings.json", "application/json")]
    [InlineData("Elsa.Studio.Host.CustomElements.styles.css", "text/css")]
    public async Task StudioFiles_ServedWithTheirMimeType(string path, string mime)
    {
        using var client = fixture.Factory.CreateClient(null);
        using var response = await client.GetAsync("/studio/" + path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mime, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task StudioFiles_BrotliCopyWhenAccepted_IdenticalBytesOtherwise_NoSampleIndex()
    {
        using var client = fixture.Factory.CreateClient(null);
        using var plain = await client.GetAsync("/studio/_framework/dotnet.js");
        var bytes = await plain.Content.ReadAsByteArrayAsync();
        var bundle = Path.Combine(RepoRoot(), "src", "Klachten.Studio", "node_modules", "@elsa-workflows", "elsa-studio-wasm");
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(bundle, "_framework", "dotnet.js")), bytes);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/studio/_framework/dotnet.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var compressed = await client.SendAsync(request);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(bundle, "_framework", "dotnet.js.br")), await compressed.Content.ReadAsByteArrayAsync());

        using var sample = await client.GetAsync("/studio/index.html");
        Assert.Equal(HttpStatusCode.NotFound, sample.StatusCode);
        using var host = await client.GetAsync("/studio/editor?id=x");
        Assert.Contains("/js/studio-host.js", await host.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/studio/")]
    [InlineData("/studio/editor?id=klachtenprocedure")]
    [InlineData("/studio/instances")]
    [InlineData("/studio/instance?id=abc")]
    [InlineData("/studio/workflows/definitions")]
    [InlineData("/studio/workflows/definitions/klachtenprocedure/edit")]
    [InlineData("/studio/workflows/instances")]
    [InlineData("/studio/workflows/instances/abc/view")]
    public async Task StudioPath_AnyViewStudioNavigatesTo_AnswersHostPage(string path)
    {
        using var client = fixture.Factory.CreateClient(null);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/js/studio-host.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/workflows/definitions/klachtenprocedure/edit", "/studio/workflows/definitions/klachtenprocedure/edit")]
    [InlineData("/diagnostics/structured-logs?workflowInstanceId=abc", "/studio/workflows/instances/abc/view")]
    [InlineData("/diagnostics/structured-logs", "/studio/workflows/instances")]
    public async Task StudioLinkOutsideBasePath_Get_RedirectsIntoStudio(string path, string location)
    {
        using var client = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task JavaScriptTypeDefinitions_DefinitionWithVariable_DeclaresVariableAccessorsAndFunctions()
    {
        var id = ElsaJson.NewDefinitionId();
        await Instances.InstanceFlows.PublishAsync(_owner, Instances.InstanceFlows.Waiting(id, "go-" + id));

        using var response = await _owner.PostAsync($"/elsa/api/scripting/javascript/type-definitions/{id}",
            ElsaJson.Body(new JsonObject { ["workflowDefinitionId"] = id, ["activityTypeName"] = "Elsa.WriteLine", ["propertyName"] = "Text" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-typescript", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("declare function getGroet(): string;", text, StringComparison.Ordinal);
        Assert.Contains("declare function setGroet(value: string): void;", text, StringComparison.Ordinal);
        Assert.Contains("  groet: string;", text, StringComparison.Ordinal);
        Assert.Contains("declare function getVariable(name: string): any;", text, StringComparison.Ordinal);
        Assert.Contains("declare function setCorrelationId(", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JavaScriptTypeDefinitions_UnknownDefinition_Returns404Problem()
    {
        using var response = await _owner.PostAsync("/elsa/api/scripting/javascript/type-definitions/onbekend" + Guid.NewGuid().ToString("N"), ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KlachtenWorkflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
