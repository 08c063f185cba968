using Microsoft.AspNetCore.Http.HttpResults;

namespace Klachten.Server.Features.Web;

/// <summary>
/// What an API handler answered, read back for a page: the pages call the same handlers as the API (same rules, same
/// Dutch messages) and show their problem details next to the form instead of as JSON.
/// </summary>
internal sealed record HandlerOutcome(int Status, object? Value, string? Message, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public static HandlerOutcome From(IResult result) => result switch
    {
        ValidationProblem v => new(StatusCodes.Status400BadRequest, null, v.ProblemDetails.Detail ?? v.ProblemDetails.Title, v.ProblemDetails.Errors.ToDictionary()),
        ProblemHttpResult p => new(p.StatusCode, null, p.ProblemDetails.Detail ?? p.ProblemDetails.Title, Empty),
        IValueHttpResult value => new((result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK, value.Value, null, Empty),
        IStatusCodeHttpResult status => new(status.StatusCode ?? StatusCodes.Status200OK, null, null, Empty),
        _ => new(StatusCodes.Status200OK, null, null, Empty),
    };

    private static readonly Dictionary<string, string[]> Empty = [];
}
