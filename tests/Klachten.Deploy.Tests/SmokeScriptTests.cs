namespace Klachten.Deploy.Tests;

/// <summary>
/// deploy/smoke-test.sh provisions staff the way operators are told to (deploy/OPERATIONS.md): with the server's
/// administration commands, never by writing the users or api_keys tables, and it uses the keys those commands print.
/// </summary>
public sealed class SmokeScriptTests
{
    private static readonly string Script = File.ReadAllText(Yaml.Path("deploy", "smoke-test.sh"));

    [Theory]
    [InlineData("INSERT INTO users")]
    [InlineData("INSERT INTO api_keys")]
    [InlineData("key_hash")]
    [InlineData("$API_KEY-")]
    public void Script_ProvisionsNoAccountOrKeyBySql(string forbidden) =>
        Assert.DoesNotContain(forbidden, Script, StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData("--create-user")]
    [InlineData("--create-api-key")]
    [InlineData("--list-api-keys")]
    [InlineData("--revoke-api-key")]
    public void Script_UsesTheAdministrationCommands(string command) =>
        Assert.Contains($"server_command {command}", Script, StringComparison.Ordinal);

    [Fact]
    public void Script_RunsTheCommandsWithTheImageEntrypoint_AndFailsLoudly()
    {
        var entrypoint = File.ReadAllLines(Yaml.Path("deploy", "server.Dockerfile")).Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        Assert.Contains("/app/Klachten.Server", entrypoint, StringComparison.Ordinal);
        Assert.Contains("docker exec \"${PROJECT}_server-1_1\" /app/Klachten.Server \"$@\"", Script, StringComparison.Ordinal);
        Assert.Contains("set -Eeuo pipefail", Script, StringComparison.Ordinal);
        Assert.Contains("trap 'echo \"smoke: failed", Script, StringComparison.Ordinal);
    }
}
