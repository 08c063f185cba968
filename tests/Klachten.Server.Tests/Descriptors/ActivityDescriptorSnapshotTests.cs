using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Features.Descriptors;
using Klachten.Server.Tests.Support;
using Klachten.Workflows.Definitions;

namespace Klachten.Server.Tests.Descriptors;

/// <summary>
/// The activity descriptors Studio loads, pinned to a snapshot taken before activities became one class each: Studio's
/// browser tests depend on every item, field, value and their order. A deliberate change updates the snapshot: run
/// with KLACHTEN_UPDATE_SNAPSHOTS=1 and review the diff of activity-descriptors.json.
/// </summary>
public sealed class ActivityDescriptorSnapshotTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Build_MatchesTheSnapshot() =>
        AssertMatchesSnapshot(ActivityDescriptors.Build(ActivityCatalog.Default));

    [Fact]
    public async Task Endpoint_ServesTheSnapshot()
    {
        var client = fixture.Factory.As("procesbeheerder");
        var served = JsonNode.Parse(await client.GetStringAsync("/elsa/api/descriptors/activities"))!;
        Assert.Equal(Snapshot(), served.ToJsonString(Indented));
    }

    private static void AssertMatchesSnapshot(JsonNode actual)
    {
        var text = actual.ToJsonString(Indented);
        if (Environment.GetEnvironmentVariable("KLACHTEN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SnapshotPath(), text + "\n");
        }

        Assert.Equal(Snapshot(), text);
    }

    private static string Snapshot() => File.ReadAllText(SnapshotPath()).TrimEnd('\n');

    private static string SnapshotPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "activity-descriptors.json");
}
