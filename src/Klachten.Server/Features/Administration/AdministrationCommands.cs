using System.Data.Common;
using System.Globalization;
using Klachten.Server.Common;
using Microsoft.Extensions.Logging.Console;

namespace Klachten.Server.Features.Administration;

/// <summary>
/// Runs one <see cref="AdministrationCommand"/> through <see cref="Accounts"/> (audit actor
/// <see cref="Accounts.CommandLineActor"/>) on a built but never started host: no hosted service runs (no seeding,
/// no outbox relay, no timers, no bus), so nothing changes but the command's own effect and the migrations it
/// applies first. Stdout carries only the result (a key, a list), so scripts can capture it; everything else goes
/// to stderr.
/// </summary>
internal static class AdministrationCommands
{
    public const int Success = 0;
    public const int Refused = 1;
    public const int WrongUsage = 2;

    /// <summary>Before the host is built: logs on stderr, and only warnings and errors (migration chatter is noise here).</summary>
    public static void PrepareHost(WebApplicationBuilder builder)
    {
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
    }

    /// <summary>Answers wrong usage (and <c>--help</c>) without a host; null when the command needs one.</summary>
    public static int? Answer(ParsedCommandLine parsed, TextWriter stdout, TextWriter stderr)
    {
        if (parsed.Command is null)
        {
            stderr.WriteLine(parsed.Problem);
            stderr.WriteLine(AdministrationCommandLine.Usage);
            return WrongUsage;
        }

        if (parsed.Command.Name == AdministrationCommandLine.Help)
        {
            stdout.WriteLine(AdministrationCommandLine.Usage);
            return Success;
        }

        return null;
    }

    /// <summary>Runs the command after <paramref name="migrate"/> (the host's <c>--migrate</c> step, from the composition).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, Func<Task> migrate, AdministrationCommand command, TextWriter stdout, TextWriter stderr)
    {
        var cancellationToken = CancellationToken.None;
        try
        {
            await migrate();
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            return await RunAsync(accounts, command, stdout, stderr, cancellationToken);
        }
        catch (Exception ex) when (FindDbException(ex) is { } db)
        {
            await stderr.WriteLineAsync($"De database is niet bereikbaar: {db.Message}");
            return Refused;
        }
    }

    private static async Task<int> RunAsync(Accounts accounts, AdministrationCommand command, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        const string actor = Accounts.CommandLineActor;
        var user = command.Argument(0);
        switch (command.Name)
        {
            case "--create-user":
                var roles = AdministrationCommandLine.Roles(command.Argument(1));
                var created = await accounts.CreateAsync(actor, new NewAccount(user, command.OptionalArgument(2) ?? user, command.Email, roles), cancellationToken);
                return Report(created, stderr, a => $"Gebruiker '{a.UserName}' aangemaakt met rollen: {RoleText(a.Roles)}.");
            case "--set-roles":
                var changed = await accounts.ChangeAsync(actor, user, new AccountChange(Roles: AdministrationCommandLine.Roles(command.Argument(1))), cancellationToken);
                return Report(changed, stderr, a => $"Rollen van '{a.UserName}': {RoleText(a.Roles)}.");
            case "--disable-user":
                var disabled = await accounts.ChangeAsync(actor, user, new AccountChange(Disabled: true), cancellationToken);
                return Report(disabled, stderr, a => $"Gebruiker '{a.UserName}' is uitgeschakeld: sessies en API-sleutels werken niet meer.");
            case "--enable-user":
                var enabled = await accounts.ChangeAsync(actor, user, new AccountChange(Disabled: false), cancellationToken);
                return Report(enabled, stderr, a => $"Gebruiker '{a.UserName}' is weer ingeschakeld.");
            case "--create-api-key":
                var key = await accounts.CreateKeyAsync(actor, user, command.Argument(1), cancellationToken);
                if (key.Value is { } newKey)
                {
                    // The key alone on stdout: KEY=$(Klachten.Server --create-api-key svc ci) must capture nothing else.
                    await stdout.WriteLineAsync(newKey.Secret);
                }

                return Report(key, stderr, k => $"API-sleutel '{k.Key.Name}' voor '{k.Key.UserName}' aangemaakt. Bewaar hem nu: hij wordt niet opnieuw getoond.");
            case "--revoke-api-key":
                var revoked = await accounts.RevokeKeyAsync(actor, user, command.Argument(1), cancellationToken);
                return Report(revoked, stderr, k => $"API-sleutel '{k.Name}' van '{k.UserName}' is ingetrokken.");
            case "--list-users":
                await WriteUsersAsync(await accounts.ListAsync(cancellationToken), stdout);
                return Success;
            default:
                return await ListKeysAsync(accounts, command.OptionalArgument(0), stdout, stderr, cancellationToken);
        }
    }

    private static async Task<int> ListKeysAsync(Accounts accounts, string? userName, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (userName is not null && await accounts.FindAsync(userName, cancellationToken) is null)
        {
            await stderr.WriteLineAsync($"Gebruiker '{userName}' bestaat niet.");
            return Refused;
        }

        // Never a key: only its hash is stored, and the list shows neither.
        await stdout.WriteLineAsync(Row("gebruiker", "sleutelnaam", "id", "aangemaakt", "laatst gebruikt", "ingetrokken"));
        foreach (var k in await accounts.ListKeysAsync(userName, cancellationToken))
        {
            await stdout.WriteLineAsync(Row(k.UserName, k.Name, k.Id.ToString(), Instant(k.CreatedAt), Instant(k.LastUsedAt), Instant(k.RevokedAt)));
        }

        return Success;
    }

    private static async Task WriteUsersAsync(IReadOnlyList<AccountView> users, TextWriter stdout)
    {
        await stdout.WriteLineAsync(Row("gebruiker", "naam", "e-mailadres", "rollen", "status", "aangemaakt", "laatst aangemeld"));
        foreach (var u in users)
        {
            var status = u.Disabled ? "uitgeschakeld" : "actief";
            await stdout.WriteLineAsync(Row(u.UserName, u.DisplayName, u.Email ?? "-", RoleList(u.Roles), status, Instant(u.CreatedAt), Instant(u.LastSignInAt)));
        }
    }

    /// <summary>Success on stderr (stdout stays for results); a refusal as one line.</summary>
    private static int Report<T>(Result<T> result, TextWriter stderr, Func<T, string> success)
        where T : class
    {
        if (result.Refusal is { } refusal)
        {
            stderr.WriteLine(refusal.Errors.Count > 0 ? string.Join(" ", refusal.Errors.Values.SelectMany(m => m)) : refusal.Message);
            return Refused;
        }

        stderr.WriteLine(success(result.Value!));
        return Success;
    }

    // A tab inside a value (a display name) would shift the columns.
    private static string Row(params string[] values) => string.Join('\t', values.Select(v => v.Replace('\t', ' ')));

    private static string Instant(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    private static string RoleList(IReadOnlyList<string> roles) => roles.Count > 0 ? string.Join(',', roles) : "-";

    private static string RoleText(IReadOnlyList<string> roles) => roles.Count > 0 ? string.Join(", ", roles) : "geen";

    private static DbException? FindDbException(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
            {
                return db;
            }
        }

        return null;
    }
}
