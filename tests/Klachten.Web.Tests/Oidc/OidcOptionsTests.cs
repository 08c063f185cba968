using System.Diagnostics;
using Klachten.Server.Features.Auth;

namespace Klachten.Web.Tests.Oidc;

public sealed class OidcOptionsTests
{
    [Fact]
    public void MapRoles_ProviderGroups_MapsConfiguredNamesKeepsRoleNamesIgnoresTheRest()
    {
        var options = new OidcOptions { RoleMap = new() { ["Klachten-Directeuren"] = Roles.Directeur, ["commissie"] = Roles.Klachtencommissie } };

        var roles = options.MapRoles(["klachten-directeuren", "beheerder", "alle-medewerkers", "Administrators"]).ToList();

        Assert.Equal([Roles.Directeur, Roles.Beheerder], roles);
    }

    [Fact]
    public async Task Start_OidcRoleMapTargetIsNotARole_StopsWithOneLineNamingTheKey()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Klachten.Server.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Klachten__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"klachten-oidc-{Guid.NewGuid():N}");
        start.Environment["Klachten__Auth__Oidc__Authority"] = "https://login.example.org/";
        start.Environment["Klachten__Auth__Oidc__ClientId"] = "klachten";
        start.Environment["Klachten__Auth__Oidc__RoleMap__klachten-directeuren"] = "director";

        using var server = Process.Start(start)!;
        var stdout = server.StandardOutput.ReadToEndAsync();
        var stderr = server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, server.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("KlachtenWorkflow cannot start: Invalid configuration Klachten:Auth:Oidc:RoleMap:klachten-directeuren: 'director' is not a role", line);
        Assert.Empty(await stdout);
    }
}
