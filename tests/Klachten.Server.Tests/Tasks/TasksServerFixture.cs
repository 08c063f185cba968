using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Tasks;

/// <summary>
/// One server per test class on a manual clock, with a second director (<c>directeur2</c>, key
/// <c>dev-directeur2</c>) so that "someone else holds the task" can be tested.
/// </summary>
public abstract class TasksServerFixture(Provider provider) : ManualClockServerFixture(provider)
{
    public const string SecondDirector = "directeur2";

    protected override async Task OnStartedAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        db.Users.Add(new UserEntity { UserName = SecondDirector, DisplayName = "Dirk Directeur", Roles = Roles.Directeur, CreatedAt = DateTimeOffset.UtcNow });
        db.ApiKeys.Add(new ApiKeyEntity
        {
            Id = Guid.NewGuid(),
            UserName = SecondDirector,
            Name = "test",
            KeyHash = Secrets.HashApiKey($"dev-{SecondDirector}"),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteTasksServerFixture() : TasksServerFixture(Provider.Sqlite);

public sealed class PostgreSqlTasksServerFixture() : TasksServerFixture(Provider.PostgreSql);
