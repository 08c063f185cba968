using YamlDotNet.RepresentationModel;

namespace Klachten.Deploy.Tests;

/// <summary>
/// docker-compose.yml and the smoke override: the smoke run must exercise the file users run, so the override may
/// only swap image names, and it must swap every one (a missing local image would make compose try a pull).
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = Yaml.Documents(Yaml.Path("docker-compose.yml")).Single();
    private static readonly YamlMappingNode Smoke = Yaml.Documents(Yaml.Path("deploy", "smoke", "docker-compose.smoke.yml")).Single();

    [Fact]
    public void SmokeOverride_SwapsEveryImage_AndNothingElse()
    {
        var services = Compose.Keys("services").Order().ToList();
        Assert.Equal(services, Smoke.Keys("services").Order().ToList());
        Assert.Equal(["services"], Smoke.Keys().ToList());
        foreach (var service in services)
        {
            Assert.Equal(["image"], Smoke.Keys("services", service).ToList());
            Assert.NotNull(Compose.Text("services", service, "image"));
        }
    }

    [Fact]
    public void Stack_HasTheServicesOfTheIssue_StartingInHealthOrder()
    {
        Assert.Equal(
            ["archive-worker", "mailpit", "migrate", "migrate-archive", "migrate-notifications", "notification-worker", "postgres", "proxy", "rabbitmq", "server-1", "server-2"],
            Compose.Keys("services").Order().ToList());
        foreach (var service in new[] { "postgres", "rabbitmq", "mailpit" })
        {
            Assert.NotNull(Compose.Get("services", service, "healthcheck", "test"));
        }

        foreach (var server in new[] { "server-1", "server-2", "notification-worker", "archive-worker" })
        {
            Assert.Equal("service_completed_successfully", Compose.Text("services", server, "depends_on", "migrate", "condition"));
            Assert.Equal("service_healthy", Compose.Text("services", server, "depends_on", "postgres", "condition"));
            Assert.Equal("service_healthy", Compose.Text("services", server, "depends_on", "rabbitmq", "condition"));
            Assert.Equal("true", Compose.Text("services", server, "read_only"));
        }

        Assert.Equal("service_healthy", Compose.Text("services", "proxy", "depends_on", "server-1", "condition"));
        Assert.Equal("service_healthy", Compose.Text("services", "proxy", "depends_on", "server-2", "condition"));
        Assert.Equal("[\"--migrate\"]", string.Join(',', Compose.Items("services", "migrate", "command").Select(c => $"[\"{c}\"]")));
    }

    [Fact]
    public void Servers_ReadTheKeyRingFromTheDatabase_WithTheCertificateAsASecret_AndShareNoKeyVolume()
    {
        foreach (var service in new[] { "migrate", "server-1", "server-2" })
        {
            Assert.Equal("/run/secrets/dataprotection-certificate", Compose.Text("services", service, "environment", "Klachten__DataProtection__CertificatePath"));
            Assert.StartsWith("${", Compose.Text("services", service, "environment", "Klachten__DataProtection__CertificatePassword"), StringComparison.Ordinal);
            Assert.Contains("dataprotection-certificate", Compose.Items("services", service, "secrets").Select(s => ((YamlScalarNode)s).Value));
            Assert.Null(Compose.Get("services", service, "environment", "HOME"));
            Assert.Equal(["server-data:/app/data"], Compose.Items("services", service, "volumes").Select(v => ((YamlScalarNode)v).Value));
        }

        Assert.StartsWith("${KLACHTEN_DATAPROTECTION_CERTIFICATE:?", Compose.Text("secrets", "dataprotection-certificate", "file"), StringComparison.Ordinal);
        Assert.DoesNotContain("server-keys", Compose.Keys("volumes"));
    }

    [Fact]
    public void Secrets_ComeFromTheEnvFile_WhoseExampleNamesThemAll()
    {
        var text = File.ReadAllText(Yaml.Path("docker-compose.yml"));
        var example = File.ReadAllLines(Yaml.Path(".env.example")).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#')).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).ToHashSet();
        var used = System.Text.RegularExpressions.Regex.Matches(text, @"\$\{([A-Z0-9_]+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Empty(used.Except(example));
        Assert.DoesNotContain("Password=klachten", text, StringComparison.Ordinal);
    }
}
