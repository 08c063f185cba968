using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Procedure;

/// <summary>A registered complaint as <c>POST /api/complaints</c> answered it.</summary>
internal sealed record Registered(Guid Id, string Reference, string Status, string InstanceId);

/// <summary>
/// Drives the complaints procedure through the HTTP API as the people of the regulation would: the manual clock,
/// registration, task lists and completions, and the case view. Reads the database only for what the API does not
/// show (outbox messages, the instance row).
/// </summary>
internal sealed class ProcedureDriver(KlachtenFactory factory)
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly Lazy<bool> _embedded = new(() =>
        !string.Equals(factory.Services.GetRequiredService<IConfiguration>()["Klachten:Messaging:Transport"], "RabbitMq", StringComparison.OrdinalIgnoreCase));

    public HttpClient As(string user) => _clients.GetOrAdd(user, factory.As);

    public async Task<DateTimeOffset> NowAsync() =>
        (await As("beheerder").GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();

    public async Task<DateOnly> TodayAsync() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await NowAsync(), Amsterdam).DateTime);

    /// <summary>Moves the clock to <paramref name="instant"/> (which must not be earlier) and fires what became due.</summary>
    public async Task SetClockAsync(DateTimeOffset instant)
    {
        await LettersSettledAsync();
        var response = await As("beheerder").PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = instant }));
        Assert.True(response.IsSuccessStatusCode, $"Moving the clock to {instant:O}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Moves the clock to 10:00 Amsterdam time on <paramref name="day"/>, or leaves it when it is already later.</summary>
    public async Task<DateOnly> AdvanceToAsync(DateOnly day)
    {
        var target = At(day, 10);
        if (target > await NowAsync())
        {
            await SetClockAsync(target);
        }

        return await TodayAsync();
    }

    /// <summary>Moves the clock to 10:00 on the day <paramref name="days"/> after today.</summary>
    public async Task<DateOnly> AdvanceDaysAsync(int days) => await AdvanceToAsync((await TodayAsync()).AddDays(days));

    /// <summary>Moves the clock one minute past <paramref name="expiresAt"/>: the term has passed.</summary>
    public async Task PassAsync(DateTimeOffset expiresAt)
    {
        var now = await NowAsync();
        await SetClockAsync((now > expiresAt ? now : expiresAt).AddMinutes(1));
    }

    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Date(JsonNode? node) => DateOnly.ParseExact((string)node!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A valid formal complaint about treatment by the medewerker, managed by the leidinggevende.</summary>
    public static JsonObject Complaint(DateOnly receivedOn, string stage = "Formal") => new()
    {
        ["complainant"] = new JsonObject { ["name"] = "Karin Klager", ["email"] = "karin.klager@example.nl", ["postalAddress"] = "Dorpsstraat 1, 1234 AB Ergens" },
        ["category"] = "Treatment",
        ["eventDate"] = Iso(receivedOn.AddDays(-20)),
        ["receivedOn"] = Iso(receivedOn),
        ["stage"] = stage,
        ["concernedEmployee"] = "medewerker",
        ["manager"] = "leidinggevende",
        ["description"] = "De klant voelt zich niet correct behandeld tijdens het gesprek.",
    };

    public async Task<HttpResponseMessage> PostComplaintAsync(JsonObject body, string user = "medewerker", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints") { Content = ElsaJson.Body(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await As(user).SendAsync(request);
    }

    public async Task<Registered> RegisterAsync(JsonObject body, string user = "medewerker")
    {
        var response = await PostComplaintAsync(body, user);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Registering: {(int)response.StatusCode} {text}");
        var created = JsonNode.Parse(text)!;
        return new Registered((Guid)created["id"]!, (string)created["reference"]!, (string)created["status"]!, (string)created["workflowInstanceId"]!);
    }

    /// <summary>The case as the director sees it.</summary>
    public async Task<JsonObject> CaseAsync(Registered complaint, string user = "directeur")
    {
        await LettersSettledAsync();
        return (await As(user).GetFromJsonAsync<JsonObject>($"/api/complaints/{complaint.Id}"))!;
    }

    /// <summary>
    /// With the embedded notification service (in-memory bus), waits until every requested letter is sent or failed:
    /// the case then shows the outcome, and a letter's sent instant is on the manual clock before the test moves it.
    /// </summary>
    public async Task LettersSettledAsync()
    {
        if (!_embedded.Value)
        {
            return;
        }

        await Eventually.Until(async () => await QueryAsync(db => db.Letters.AnyAsync(l => l.Status == LetterStatus.Requested)) is false, TimeSpan.FromSeconds(30));
    }


    /// <summary>The open tasks of the complaint's workflow that <paramref name="user"/> sees for their roles.</summary>
    public async Task<List<JsonObject>> TasksAsync(string user, Registered complaint, string query = "scope=role")
    {
        var tasks = await As(user).GetFromJsonAsync<JsonArray>($"/api/tasks?{query}");
        return [.. tasks!.Select(t => t!.AsObject()).Where(t => (string?)t["workflowInstanceId"] == complaint.InstanceId)];
    }

    /// <summary>
    /// The one open task titled <paramref name="title"/> of the complaint that <paramref name="user"/> sees; others may
    /// be open beside it (receipt confirmation and contact run in parallel).
    /// </summary>
    public async Task<JsonObject> OpenTaskAsync(string user, Registered complaint, string title)
    {
        var tasks = await TasksAsync(user, complaint);
        var task = Assert.Single(tasks, t => (string?)t["title"] == title);
        Assert.Equal("Open", (string?)task["status"]);
        return task;
    }

    public Task<HttpResponseMessage> CompleteAsync(string user, JsonObject task, string outcome, JsonObject? data = null) =>
        As(user).PostAsync($"/api/tasks/{task["id"]}/complete", ElsaJson.Body(new JsonObject
        {
            ["outcome"] = outcome,
            ["comment"] = $"Afgerond met '{outcome}'.",
            ["data"] = data ?? [],
            ["version"] = (int)task["version"]!,
        }));

    /// <summary>Finds the task, completes it and checks the 200; returns the task as it was listed.</summary>
    public async Task<JsonObject> CompleteOpenTaskAsync(string user, Registered complaint, string title, string outcome, JsonObject? data = null)
    {
        var task = await OpenTaskAsync(user, complaint, title);
        var response = await CompleteAsync(user, task, outcome, data);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Completing '{title}' with '{outcome}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return task;
    }

    /// <summary>The last day of a term as the terms endpoint computes it (Algemene termijnenwet, Dutch holidays).</summary>
    public async Task<DateOnly> TermDueAsync(DateOnly start, int amount, string unit)
    {
        var preview = await As("directeur").GetFromJsonAsync<JsonObject>($"/api/terms/preview?start={Iso(start)}&amount={amount}&unit={unit}");
        return Date(preview!["due"]);
    }

    public async Task<T> QueryAsync<T>(Func<KlachtenDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<KlachtenDbContext>());
    }

    public Task<List<OutboxMessageEntity>> OutboxAsync(Registered complaint, string messageType) =>
        QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.InstanceId == complaint.InstanceId && m.MessageType == messageType).ToListAsync());

    public Task<WorkflowInstanceEntity> InstanceAsync(Registered complaint) =>
        QueryAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == complaint.InstanceId));

    /// <summary>The procedure ran to its end: finished normally, no incidents, nothing left waiting.</summary>
    public async Task AssertFinishedAsync(Registered complaint)
    {
        var instance = await InstanceAsync(complaint);
        Assert.Equal(("Finished", "Finished", 0), (instance.Status, instance.SubStatus, instance.IncidentCount));
        Assert.Equal(0, await QueryAsync(db => db.Bookmarks.CountAsync(b => b.InstanceId == complaint.InstanceId)));
        Assert.Equal(0, await QueryAsync(db => db.HumanTasks.CountAsync(t => t.InstanceId == complaint.InstanceId && t.Status == HumanTaskStatus.Open)));
    }
}
