using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Compatibility;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Definitions;

/// <summary>
/// Elsa's export and import, as Studio's export/import buttons use them: files exported by a real Elsa 3 server (the
/// compatibility fixtures) import as drafts keeping their definitionId, export gives them back, and a batch with a
/// bad file stores nothing.
/// </summary>
public abstract class ImportExportTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    public static TheoryData<string> ElsaExports() => [.. CompatibilityScenario.Names()];

    [Theory]
    [MemberData(nameof(ElsaExports))]
    public async Task Import_FileExportedByElsaAsPublished_StoredPublishedAndExportedBackWithTheSameActivities(string name)
    {
        var export = ElsaExport(name);

        using var imported = await _owner.PostAsync("/elsa/api/workflow-definitions/import", ElsaJson.Body(export));

        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var definition = await imported.ReadObjectAsync();
        var definitionId = (string)export["definitionId"]!;
        Assert.Equal((definitionId, 1, true), ((string?)definition["definitionId"], (int)definition["version"]!, (bool)definition["isPublished"]!));

        using var download = await _owner.GetAsync($"/elsa/api/workflow-definitions/{definitionId}/export");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".json", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var exported = await download.ReadObjectAsync();
        Assert.Equal(ActivityIds(export), ActivityIds(exported));
        Assert.Equal(export["root"]!["connections"]?.AsArray().Count, exported["root"]!["connections"]?.AsArray().Count);
    }

    [Fact]
    public async Task Import_SameDefinitionAgain_BecomesTheNextDraftOfIt()
    {
        var export = ElsaExport("loop");
        export["definitionId"] = ElsaJson.NewDefinitionId();
        export["publish"] = true;
        using var first = await _owner.PostAsync("/elsa/api/workflow-definitions/import", ElsaJson.Body(export));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        export.Remove("publish");
        export["isPublished"] = false;

        using var second = await _owner.PutAsync($"/elsa/api/workflow-definitions/{export["definitionId"]}/import", ElsaJson.Body(export));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var draft = await second.ReadObjectAsync();
        Assert.Equal((2, false), ((int)draft["version"]!, (bool)draft["isPublished"]!));
    }

    [Fact]
    public async Task Import_ExportOfADraft_StoredAsDraft()
    {
        var export = ElsaExport("loop");
        export["definitionId"] = ElsaJson.NewDefinitionId();
        export["isPublished"] = false;

        using var imported = await _owner.PostAsync("/elsa/api/workflow-definitions/import", ElsaJson.Body(export));

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.False((bool)(await imported.ReadObjectAsync())["isPublished"]!);
    }

    [Fact]
    public async Task ImportFiles_ExportWithIsPublishedTrue_Published()
    {
        var id = ElsaJson.NewDefinitionId();

        using var response = await _owner.PostAsync("/elsa/api/workflow-definitions/import-files", Form(("loop.json", Encoding.UTF8.GetBytes(WithId(ElsaExport("loop"), id).ToJsonString()))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Published");
        Assert.Equal(1, (int)published!["version"]!);
    }

    [Fact]
    public async Task Export_Procedure_DownloadsKlachtenprocedureJson()
    {
        using var download = await fixture.Factory.As("directeur").GetAsync("/elsa/api/workflow-definitions/klachtenprocedure/export?versionOptions=Published");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("klachtenprocedure.json", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var exported = await download.ReadObjectAsync();
        Assert.Equal(("klachtenprocedure", true), ((string?)exported["definitionId"], (bool)exported["isPublished"]!));
        Assert.Null(exported["links"]);
    }

    [Fact]
    public async Task ImportFiles_ZipOfTwoExports_ImportsBoth()
    {
        var ids = new[] { ElsaJson.NewDefinitionId(), ElsaJson.NewDefinitionId() };
        var zip = Zip(("a.json", WithId(ElsaExport("loop"), ids[0])), ("b.json", WithId(ElsaExport("fault-branch"), ids[1])));

        using var response = await _owner.PostAsync("/elsa/api/workflow-definitions/import-files", Form(("workflows.zip", zip)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (int)(await response.ReadObjectAsync())["count"]!);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await _owner.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task ImportFiles_OneFileBroken_Refused400AndNothingStored()
    {
        var good = WithId(ElsaExport("loop"), ElsaJson.NewDefinitionId());
        var unknownType = WithId(ElsaExport("loop"), ElsaJson.NewDefinitionId());
        unknownType["root"]!["activities"]!.AsArray()[0]!["type"] = "Onbekend.Type";

        using var response = await _owner.PostAsync("/elsa/api/workflow-definitions/import-files", Form(
            ("goed.json", Encoding.UTF8.GetBytes(good.ToJsonString())),
            ("fout.json", Encoding.UTF8.GetBytes(unknownType.ToJsonString())),
            ("geen-json.json", "{ dit is geen JSON"u8.ToArray())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{good["definitionId"]}")).StatusCode);
    }

    [Fact]
    public async Task Import_ByViewer_Forbidden()
    {
        using var response = await fixture.Factory.As("directeur").PostAsync("/elsa/api/workflow-definitions/import", ElsaJson.Body(ElsaExport("loop")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static JsonObject ElsaExport(string name) => (JsonObject)CompatibilityScenario.Load(name).Definition.DeepClone();

    private static JsonObject WithId(JsonObject export, string definitionId)
    {
        export["definitionId"] = definitionId;
        return export;
    }

    /// <summary>The ids of every activity below the root, at any depth (children, embedded branches, bodies, cases).</summary>
    private static string[] ActivityIds(JsonObject definition) => [.. Descendants(definition["root"]!).Select(a => (string)a["id"]!).Order(StringComparer.Ordinal)];

    private static IEnumerable<JsonObject> Descendants(JsonNode node)
    {
        var children = node switch
        {
            JsonObject o => o.Where(p => p.Key != "metadata").Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            if (child is JsonObject o && o["type"] is JsonValue && o["id"] is JsonValue)
            {
                yield return o;
            }

            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static byte[] Zip(params (string Name, JsonObject Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content.ToJsonString()));
            }
        }

        return buffer.ToArray();
    }

    private static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "application/json");
            form.Add(part, "files", name);
        }

        return form;
    }
}

public sealed class SqliteImportExportTests(SqliteServerFixture fixture)
    : ImportExportTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlImportExportTests(PostgreSqlServerFixture fixture)
    : ImportExportTests(fixture), IClassFixture<PostgreSqlServerFixture>;
