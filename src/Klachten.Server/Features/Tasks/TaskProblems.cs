using Klachten.Server.Common;

namespace Klachten.Server.Features.Tasks;

internal static class TaskProblems
{
    public const string ChangedByOther = "De taak is al afgerond of gewijzigd door iemand anders.";

    public static IResult UnknownTask(string id) => ProblemResponses.NotFound($"Taak '{id}' bestaat niet.");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Geen toegang", detail: detail);
}
