using Microsoft.AspNetCore.Mvc;

namespace Klachten.Server.Common;

/// <summary>RFC 9457 problem details with a Dutch title, for places outside endpoint results (auth, middleware).</summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>400 with an <c>errors</c> object keyed by field; Studio shows the messages under the empty key.</summary>
    public static IResult Validation(IDictionary<string, string[]> errors, string title = "Ongeldige invoer") => Refusal.Invalid(errors, title).ToProblem();

    public static IResult Conflict(string detail) => Refusal.Conflict(detail).ToProblem();

    public static IResult NotFound(string detail) => Refusal.NotFound(detail).ToProblem();

    public static IResult BadRequest(string detail) => Refusal.BadRequest(detail).ToProblem();
}
