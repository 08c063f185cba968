using System.Globalization;
using Jint.Runtime;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>
/// Jint's clock for one evaluation: <c>Date.now()</c>, <c>new Date()</c> and <c>Temporal.Now</c> answer the engine's
/// <see cref="ExpressionScope.Now"/>, never the wall clock, so a script gives the same answer when a test skips time.
/// Parsing and local-time offsets come from Jint's default implementation in the configured time zone.
/// </summary>
internal sealed class ScopeTimeSystem(DateTimeOffset now, TimeZoneInfo timeZone) : ITimeSystem
{
    private readonly DefaultTimeSystem _zoned = new(timeZone, CultureInfo.InvariantCulture);

    public TimeZoneInfo DefaultTimeZone => _zoned.DefaultTimeZone;

    public DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public bool TryParse(string date, out long epochMilliseconds) => _zoned.TryParse(date, out epochMilliseconds);

    public TimeSpan GetUtcOffset(long epochMilliseconds) => _zoned.GetUtcOffset(epochMilliseconds);
}
