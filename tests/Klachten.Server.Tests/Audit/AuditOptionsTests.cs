using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Audit;

/// <summary>The audit trail keeps rows as long as the dossier, by the archive's key, validated even when the archive runs elsewhere.</summary>
public sealed class AuditOptionsTests
{
    [Fact]
    public async Task Start_WithBrokerAndInvalidRetentionYears_ExitsWithOneLineNamingTheKey()
    {
        // With RabbitMQ the archive runs in its own worker, so only the audit trail reads the key in the server.
        var settings = new Dictionary<string, string?>
        {
            ["Klachten:Messaging:Transport"] = "RabbitMq",
            ["Klachten:Archive:RetentionYears"] = "0",
        };

        var result = await ServerProcess.RunAsync([], settings, environment: "Production");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Klachten:Archive:RetentionYears", line, StringComparison.Ordinal);
    }
}
