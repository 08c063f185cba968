using Klachten.Notifications.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klachten.Notifications.Tests.Hosting;

// A wrong setting stops the host at start with a message naming the key.
public sealed class OptionsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Start_NeitherSmtpHostNorPickupDirectory_FailsNamingTheKey()
    {
        var exception = await StartAsync(s => s.Remove("Klachten:Notifications:Smtp:Host"));

        Assert.Contains("Klachten:Notifications:Smtp:Host is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TemplatesFolderMissing_FailsNamingTheKey()
    {
        var exception = await StartAsync(s => s["Klachten:Notifications:TemplatesDirectory"] = "/bestaat/niet");

        Assert.Contains("Klachten:Notifications:TemplatesDirectory", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SenderNotAnAddress_FailsNamingTheKey()
    {
        var exception = await StartAsync(s => s["Klachten:Notifications:Smtp:From"] = "geen adres");

        Assert.Contains("Klachten:Notifications:Smtp:From", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNotifications_PostgreSqlWithoutConnectionString_FailsNamingTheKey()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Build(new Dictionary<string, string?> { ["Klachten:Database:Provider"] = "PostgreSql" }));

        Assert.Contains("ConnectionStrings:Notifications", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNotifications_UnknownProvider_FailsNamingTheKey()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Build(new Dictionary<string, string?> { ["Klachten:Database:Provider"] = "Oracle" }));

        Assert.Contains("Klachten:Database:Provider", exception.Message, StringComparison.Ordinal);
    }

    private async Task<OptionsValidationException> StartAsync(Action<Dictionary<string, string?>> change)
    {
        var settings = NotificationHost.Settings(database, smtp: null);
        change(settings);
        using var host = Build(settings);
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNotifications();
        return builder.Build();
    }
}
