using Microsoft.AspNetCore.WebUtilities;

namespace Klachten.Server.Common;

/// <summary>Problem details carry a Dutch title; framework-made problems (404, 405, 415, 500) get one here.</summary>
internal static class DutchProblemTitles
{
    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Ongeldig verzoek",
        [401] = "Niet aangemeld",
        [403] = "Geen toegang",
        [404] = "Niet gevonden",
        [405] = "Methode niet toegestaan",
        [409] = "Conflict",
        [413] = "Verzoek te groot",
        [415] = "Niet-ondersteund inhoudstype",
        [422] = "Verzoek niet verwerkbaar",
        [500] = "Er ging iets mis op de server",
        [503] = "Dienst niet beschikbaar",
    };

    /// <summary>The Dutch title of a status; null where none is set.</summary>
    public static string? For(int status) => Titles.GetValueOrDefault(status);

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var isDefault = problem.Title is null
            || problem.Title == ReasonPhrases.GetReasonPhrase(status)
            || problem.Title == "An error occurred while processing your request."
            || problem.Title == "One or more validation errors occurred.";
        if (isDefault && Titles.TryGetValue(status, out var title))
        {
            problem.Title = title;
        }

        // ASP.NET Core fills in a type for the common statuses only (not 413); every problem names one.
        problem.Type ??= status == StatusCodes.Status413PayloadTooLarge ? "https://tools.ietf.org/html/rfc9110#section-15.5.14" : "about:blank";
    }
}
