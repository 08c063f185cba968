namespace Klachten.Notifications.Messaging;

internal static class Clock
{
    /// <summary>Now in UTC: PostgreSQL's <c>timestamptz</c> takes only offset 0, and a test clock may carry another.</summary>
    public static DateTimeOffset UtcNow(this TimeProvider time) => time.GetUtcNow().ToUniversalTime();
}
