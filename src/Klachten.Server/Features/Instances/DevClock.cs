using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Runtime;

namespace Klachten.Server.Features.Instances;

/// <summary><c>/api/dev/clock</c>: read or move the manual clock; moving it fires every timer that became due.</summary>
internal static class DevClock
{
    public static IResult Get(ManualClock clock) => TypedResults.Json(new JsonObject { ["now"] = clock.GetUtcNow() });

    public static async Task<IResult> SetAsync(HttpRequest request, ManualClock clock, TimerService timers, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, 4096, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        DateTimeOffset now;
        try
        {
            now = node?["now"]?.GetValue<DateTimeOffset>() ?? throw new FormatException();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["now"] = ["Geef 'now' als tijdstip met tijdzone, bijvoorbeeld 2026-12-10T09:00:00+01:00."] });
        }

        if (!clock.TrySet(now))
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["now"] = ["De klok kan alleen vooruit."] });
        }

        var fired = await timers.FireAllDueAsync(cancellationToken);
        return TypedResults.Json(new JsonObject { ["now"] = clock.GetUtcNow(), ["timersFired"] = fired });
    }
}
