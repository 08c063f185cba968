using System.ComponentModel.DataAnnotations;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// <c>Klachten:Auth:Throttling</c>: how many sign-in attempts and failed API-key or bearer authentications a client
/// (its IP address, as the trusted proxy reports it) may make per window, and when a user name is locked.
/// </summary>
internal sealed class ThrottlingOptions
{
    public const string SectionName = "Klachten:Auth:Throttling";

    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int SignInAttempts { get; set; } = 10;

    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int FailedAuthentications { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be between 1 second and 1 day")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed passwords in a row after which the user name is locked.</summary>
    [Range(1, 1000, ErrorMessage = "must be between 1 and 1000")]
    public int LockoutFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be between 1 second and 1 day")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
