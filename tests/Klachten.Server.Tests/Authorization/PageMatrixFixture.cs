using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Features.Administration;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Web;
using Klachten.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Authorization;

/// <summary>
/// The page matrix's server (SQLite, manual clock, embedded services): a formal complaint about the medewerker
/// (manager: leidinggevende) whose director task the read cells open, and a not-admissible one whose letter PDF the
/// download cells fetch. Cells that change state get a complaint of their own.
/// </summary>
public sealed class PageMatrixFixture() : ManualClockServerFixture(Provider.Sqlite)
{
    private int _cellsRun;

    public static IReadOnlyDictionary<string, string?> Users => MatrixColumns.Users;

    public int CellsRun => _cellsRun;

    private ProcedureDriver Driver { get; set; } = null!;

    private Registered Complaint { get; set; } = null!;

    private string TaskId { get; set; } = "";

    private (Guid Complaint, string Letter) Pdf { get; set; }

    private (Guid Complaint, string Document) Document { get; set; }

    /// <summary>Every page with its route values filled in, for rendering.</summary>
    public IEnumerable<string> PagesToRender() =>
        ["/", "/aanmelden", "/afmelden", "/geen-toegang", "/klachten", "/klachten/nieuw", $"/klachten/{Complaint.Id}", $"/klachten/{Complaint.Id}/inzage", "/overzicht", $"/taken/{TaskId}",
         "/beheer", "/beheer/gebruikers/medewerker", "/beheer/logboek"];

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        // Every cell signs in through the form: far more than a person's ten attempts a minute.
        settings["Klachten:Auth:Throttling:SignInAttempts"] = "100000";
    }

    protected override async Task OnStartedAsync()
    {
        Driver = new ProcedureDriver(Factory);
        Complaint = await Driver.RegisterAsync(ProcedureDriver.Complaint(await Driver.TodayAsync()), user: "directeur");
        TaskId = (string)(await DirectorTaskAsync(Complaint))["id"]!;

        var today = await Driver.TodayAsync();
        var lapsed = ProcedureDriver.Complaint(today);
        lapsed["eventDate"] = ProcedureDriver.Iso(today.AddYears(-3));
        var notAdmissible = await Driver.RegisterAsync(lapsed, user: "directeur");
        var letter = await Eventually.Until(
            async () => (await Driver.CaseAsync(notAdmissible))["letters"]!.AsArray().FirstOrDefault(l => (bool?)l!["hasPdf"] == true),
            l => l is not null, TimeSpan.FromSeconds(30));
        Pdf = (notAdmissible.Id, (string)letter!["id"]!);

        // With the committee the case has its first dossier document: the director's report.
        var withCommittee = await Driver.WalkToCommitteeAsync(today);
        var document = await Driver.QueryAsync(db => db.OutboxMessages.Where(m => m.InstanceId == withCommittee.InstanceId && m.MessageType == "ArchiveDocument").Select(m => m.Id).FirstAsync());
        Document = (withCommittee.Id, document);
    }

    /// <summary>Runs one cell in a session of its own; returns what went wrong, or null.</summary>
    public async Task<string?> RunAsync(Cell cell)
    {
        Interlocked.Increment(ref _cellsRun);
        var user = Users[cell.Column];
        using var session = await WebSession.SignInAsync(Factory, user);
        var (url, fields) = await RequestAsync(cell, user);
        string actual;
        List<string> changed = [];
        if (cell.Method == "GET")
        {
            using var response = await session.Client.GetAsync(url);
            actual = Classify(response);
        }
        else
        {
            await QuietAsync();
            var before = await DatabaseFingerprint.TakeAsync(Database.ConnectionString);
            using var response = await session.PostFormAsync(user is null ? "/aanmelden" : "/afmelden", url, fields);
            actual = Classify(response);
            await QuietAsync();
            if (cell.Expected is not ("200" or "302" or "signed-out"))
            {
                changed = DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(Database.ConnectionString));
            }
        }

        var problems = new List<string>();
        if (actual != cell.Expected)
        {
            problems.Add($"expected {cell.Expected}, got {actual}");
        }

        if (changed.Count > 0)
        {
            problems.Add($"a refused post changed [{string.Join(", ", changed)}]");
        }

        return problems.Count == 0 ? null : $"{cell.Endpoint} as {cell.Column} ({url}): {string.Join("; ", problems)}";
    }

    private async Task<(string Url, Dictionary<string, string> Fields)> RequestAsync(Cell cell, string? user)
    {
        var today = ProcedureDriver.Iso(await Driver.TodayAsync());
        switch (cell.Route)
        {
            case "/klachten/{id:guid}":
                return ($"/klachten/{Complaint.Id}", []);
            case "/klachten/{id:guid}?handler=document":
                return ($"/klachten/{Document.Complaint}?handler=document&documentId={Document.Document}", []);
            case "/klachten/{id:guid}/inzage":
                return ($"/klachten/{Complaint.Id}/inzage", []);
            case "/klachten/{id:guid}/vastleggen":
                return ($"/klachten/{Complaint.Id}/vastleggen", []);
            case "/klachten/{id:guid}/vastleggen?handler=intrekken":
                // A complaint of its own: a withdrawal that succeeds ends its procedure.
                var withdrawn = await Driver.RegisterAsync(ProcedureDriver.Complaint(await Driver.TodayAsync()), user: "directeur");
                return ($"/klachten/{withdrawn.Id}/vastleggen?handler=intrekken", new() { ["bevestigd"] = "true" });
            case "/klachten/{id:guid}/vastleggen?handler=schriftelijk":
                // A complaint of its own, through the informal steps to where the procedure waits for the written complaint.
                var informal = await Driver.RegisterAsync(ProcedureDriver.Complaint(await Driver.TodayAsync(), "Informal"), user: "directeur");
                await Driver.CompleteOpenTaskAsync("medewerker", informal, Titles.Employee, "Niet opgelost");
                await Driver.CompleteOpenTaskAsync("leidinggevende", informal, Titles.Manager, "Niet opgelost");
                return ($"/klachten/{informal.Id}/vastleggen?handler=schriftelijk", new() { ["ontvangen"] = today });
            case "/klachten/{id:guid}?handler=pdf":
                return ($"/klachten/{Pdf.Complaint}?handler=pdf&letterId={Pdf.Letter}", []);
            case "/taken/{id}" when cell.Method == "GET":
                return ($"/taken/{TaskId}", []);
            case "/taken/{id}" or "/taken/{id}?handler=claim":
                var task = await DirectorTaskAsync(await Driver.RegisterAsync(ProcedureDriver.Complaint(await Driver.TodayAsync()), user: "directeur"));
                var url = cell.Route.Replace("{id}", (string)task["id"]!, StringComparison.Ordinal);
                return (url, cell.Route.EndsWith("claim", StringComparison.Ordinal) ? [] : Completion(task));
            case "/klachten?handler=zoek":
                return (cell.Route, new() { ["zoek"] = "Matrix", ["status"] = string.Empty });
            case "/aanmelden" when cell.Method == "POST":
                return ("/aanmelden", new() { ["gebruikersnaam"] = user ?? "medewerker", ["wachtwoord"] = user ?? "medewerker", ["returnUrl"] = "/" });
            case "/klachten/nieuw?handler=check" or "/klachten/nieuw?handler=register":
                return (cell.Route, new()
                {
                    ["complainant.name"] = "Matrix Klager",
                    ["complainant.email"] = "matrix.klager@example.nl",
                    ["category"] = "Treatment",
                    ["eventDate"] = today,
                    ["receivedOn"] = today,
                    ["stage"] = "Formal",
                    ["manager"] = "leidinggevende",
                    ["description"] = "Klacht uit de paginamatrix.",
                    ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
                });
            case "/beheer" when cell.Method == "POST":
                return ("/beheer", new() { ["userName"] = $"matrix-{Guid.NewGuid():N}", ["displayName"] = "Matrix Gebruiker", ["email"] = "matrix@example.nl", ["roles"] = "medewerker" });
            case "/beheer/gebruikers/{userName}" when cell.Method == "GET":
                return ("/beheer/gebruikers/medewerker", []);
            case "/beheer/gebruikers/{userName}?handler=gegevens":
                return (AdminUrl(cell, await AccountAsync()), new() { ["displayName"] = "Matrix Gewijzigd", ["email"] = "gewijzigd@example.nl", ["roles"] = "leidinggevende" });
            case "/beheer/gebruikers/{userName}?handler=uitschakelen":
                return (AdminUrl(cell, await AccountAsync()), []);
            case "/beheer/gebruikers/{userName}?handler=inschakelen":
                return (AdminUrl(cell, await AccountAsync(disabled: true)), []);
            case "/beheer/gebruikers/{userName}?handler=sleutel":
                return (AdminUrl(cell, await AccountAsync()), new() { ["name"] = "matrix" });
            case "/beheer/gebruikers/{userName}?handler=intrekken":
                var owner = await AccountAsync();
                var key = await AdministerAsync(a => a.CreateKeyAsync("matrix", owner, "matrix", CancellationToken.None));
                return (AdminUrl(cell, owner), new() { ["id"] = key.Key.Id.ToString() });
            default:
                return (cell.Route, []);
        }
    }

    /// <summary>An account of the cell's own (a medewerker), so a change that succeeds touches nothing else.</summary>
    private async Task<string> AccountAsync(bool disabled = false)
    {
        var userName = $"matrix-{Guid.NewGuid():N}";
        await AdministerAsync(a => a.CreateAsync("matrix", new NewAccount(userName, "Matrix Gebruiker", null, ["medewerker"]), CancellationToken.None));
        if (disabled)
        {
            await AdministerAsync(a => a.ChangeAsync("matrix", userName, new AccountChange(Disabled: true), CancellationToken.None));
        }

        return userName;
    }

    private async Task<T> AdministerAsync<T>(Func<Accounts, Task<Result<T>>> change)
        where T : class
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var result = await change(scope.ServiceProvider.GetRequiredService<Accounts>());
        return result.Value ?? throw new InvalidOperationException(result.Refusal!.Message);
    }

    private static string AdminUrl(Cell cell, string userName) => cell.Route.Replace("{userName}", userName, StringComparison.Ordinal);

    private static Dictionary<string, string> Completion(JsonObject task)
    {
        var fields = new Dictionary<string, string>
        {
            ["outcome"] = (string)task["outcomes"]![0]!,
            ["version"] = ((int)task["version"]!).ToString(CultureInfo.InvariantCulture),
            ["comment"] = "Afgehandeld vanuit de paginamatrix.",
        };
        foreach (var field in task["requiredFields"]?.AsArray() ?? [])
        {
            fields[$"data.{(string)field!}"] = "Tekst uit de paginamatrix.";
        }

        return fields;
    }

    private async Task<JsonObject> DirectorTaskAsync(Registered complaint) =>
        await Eventually.Until(async () => (await Driver.TasksAsync("directeur", complaint)).SingleOrDefault(t => (string?)t["title"] == Titles.Receipt), t => t is not null) ?? throw new InvalidOperationException();

    /// <summary>No letter or outbox message still on its way, so a fingerprint sees only what the request did.</summary>
    private Task<bool> QuietAsync() => Eventually.Until(
        () => Driver.QueryAsync(async db => !await db.Letters.AnyAsync(l => l.Status == Klachten.Server.Persistence.LetterStatus.Requested) && !await db.OutboxMessages.AnyAsync(o => o.SentAt == null)),
        quiet => quiet, TimeSpan.FromSeconds(30));

    private static string Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is 302 or 303 && response.Headers.Location is { } location)
        {
            var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
            if (cookies.Any(c => c.StartsWith("klachten.sessie=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal)))
            {
                return "signed-out";
            }

            return path switch
            {
                "/aanmelden" => "login",
                "/geen-toegang" => "denied",
                _ => "302",
            };
        }

        return status.ToString(CultureInfo.InvariantCulture);
    }
}
