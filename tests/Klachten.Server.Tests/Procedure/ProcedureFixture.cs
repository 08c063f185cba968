using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// One server per test class on the manual clock, with the real <c>workflows/klachtenprocedure.json</c>. The clock
/// starts no earlier than <see cref="Start"/>, so fixed dates up to then are never in the future. A deputy
/// (<see cref="Deputy"/>: leidinggevende and directeur) lets a test show that the concerned manager is excluded by
/// person, not merely by role.
/// </summary>
public abstract class ProcedureFixture(Provider provider) : ManualClockServerFixture(provider)
{
    public const string Deputy = "plaatsvervanger";

    public static readonly DateTimeOffset Start = new(2026, 12, 21, 9, 0, 0, TimeSpan.FromHours(1));

    protected override async Task OnStartedAsync()
    {
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
            db.Users.Add(new UserEntity { UserName = Deputy, DisplayName = "Paula Plaatsvervanger", Roles = $"{Roles.Leidinggevende},{Roles.Directeur}", CreatedAt = DateTimeOffset.UtcNow });
            db.ApiKeys.Add(new ApiKeyEntity
            {
                Id = Guid.NewGuid(),
                UserName = Deputy,
                Name = "test",
                KeyHash = Secrets.HashApiKey($"dev-{Deputy}"),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        using var client = Factory.As("beheerder");
        var now = (await client.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();
        if (now < Start)
        {
            (await client.PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = Start }))).EnsureSuccessStatusCode();
        }
    }
}

public sealed class SqliteProcedureFixture() : ProcedureFixture(Provider.Sqlite);

public sealed class PostgreSqlProcedureFixture() : ProcedureFixture(Provider.PostgreSql);
