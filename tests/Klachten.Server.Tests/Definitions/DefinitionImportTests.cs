using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Definitions;

/// <summary>Files in workflows/ arrive as published version 1 once, and never overwrite what a process owner changed.</summary>
public sealed class DefinitionImportTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Start_FreshDatabase_ImportsEveryWorkflowFileAsPublishedVersionOne(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "import");
        await using var factory = new KlachtenFactory(database.Settings());

        var list = await factory.As("procesbeheerder").GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions?versionOptions=Latest");

        var expected = Directory.GetFiles(RepoPaths.Workflows, "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        var items = list!["items"]!.AsArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, items.Select(i => (string?)i!["definitionId"]).Order());
        Assert.All(items, i =>
        {
            Assert.Equal(1, (int)i!["version"]!);
            Assert.True((bool)i["isPublished"]!);
        });
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Restart_AfterProcessOwnerPublishedVersionTwo_KeepsVersionTwo(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "reimport");
        await using (var first = new KlachtenFactory(database.Settings()))
        {
            var owner = first.As("procesbeheerder");
            var current = await owner.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/klachtenprocedure?versionOptions=Latest");
            current!["name"] = "Klachtenprocedure (aangepast)";
            Assert.Equal(HttpStatusCode.OK, (await owner.SaveAsync(current, publish: true)).StatusCode);
        }

        await using var second = new KlachtenFactory(database.Settings());

        var versions = await second.As("procesbeheerder").VersionsAsync("klachtenprocedure");
        Assert.Equal(2, versions.Count);
        Assert.Equal("Klachtenprocedure (aangepast)", (string?)versions[1]!["name"]);
        Assert.True((bool)versions[1]!["isPublished"]!);
    }

    [Fact]
    public async Task Start_TwoServersOnOneDatabaseAtOnce_ImportOnce()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.PostgreSql, "twonodes");
        await using var a = new KlachtenFactory(database.Settings());
        await using var b = new KlachtenFactory(database.Settings());

        await Task.WhenAll(Task.Run(() => a.Server), Task.Run(() => b.Server));

        var versions = await a.As("procesbeheerder").VersionsAsync("klachtenprocedure");
        Assert.Single(versions);
    }

    [Fact]
    public async Task Start_InvalidWorkflowFile_ExitsNamingTheFile()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "badfile");
        var directory = Directory.CreateTempSubdirectory("klachten-workflows-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "kapot.json"), "{\"definitionId\": \"kapot\", \"name\": \"Kapot\", \"root\": {\"type\": \"Elsa.Onbekend\"}}");

        var result = await ServerProcess.RunAsync([], database.Settings(directory), environment: "Development");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kapot.json", result.Output, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
