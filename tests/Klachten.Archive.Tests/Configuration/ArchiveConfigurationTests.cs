using Klachten.Archive.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klachten.Archive.Tests.Configuration;

/// <summary>Klachten:Archive and the database settings: defaults, and start-up refusals that name the key.</summary>
public sealed class ArchiveConfigurationTests
{
    [Fact]
    public void AddArchive_NothingConfigured_KeepsTwoYearsAndRunsDaily()
    {
        using var host = Build(new() { ["ConnectionStrings:Archive"] = "Data Source=:memory:" });

        var options = host.Services.GetRequiredService<IOptions<ArchiveOptions>>().Value;

        Assert.Equal(2, options.RetentionYears);
        Assert.Equal(TimeSpan.FromDays(1), options.RetentionJobInterval);
    }

    [Theory]
    [InlineData("Klachten:Archive:RetentionYears", "0")]
    [InlineData("Klachten:Archive:RetentionYears", "101")]
    [InlineData("Klachten:Archive:RetentionYears", "twee")]
    [InlineData("Klachten:Archive:RetentionJobInterval", "00:00:10")]
    [InlineData("Klachten:Archive:RetentionJobInterval", "60.00:00:00")]
    [InlineData("Klachten:Archive:RetentionJobInterval", "dagelijks")]
    [InlineData("Klachten:Database:Provider", "Oracle")]
    public void AddArchive_InvalidValue_RefusesToStartNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddArchive_PostgreSqlWithoutConnectionString_RefusesToStartNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new() { ["Klachten:Database:Provider"] = "PostgreSql" }));

        Assert.Contains("ConnectionStrings:Archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddArchive_OnlyTheServerConnectionString_UsesIt()
    {
        using var host = Build(new()
        {
            ["Klachten:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Klachten"] = "Host=db;Database=klachten",
        });

        Assert.Equal("Host=db;Database=klachten", ConnectionString(host));
    }

    [Fact]
    public void AddArchive_ArchiveConnectionString_TakesPrecedence()
    {
        using var host = Build(new()
        {
            ["Klachten:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Klachten"] = "Host=db;Database=klachten",
            ["ConnectionStrings:Archive"] = "Host=archive-db;Database=archief",
        });

        Assert.Equal("Host=archive-db;Database=archief", ConnectionString(host));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = Path.GetTempPath(),
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddArchive();
        return builder.Build();
    }

    private static string? ConnectionString(IHost host)
    {
        using var scope = host.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ArchiveDbContext>().Database.GetConnectionString();
    }
}
