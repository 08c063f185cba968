namespace Klachten.Server.Common;

/// <summary>The kinds of refusal a handler gives; each is one problem-details status of the API.</summary>
internal enum RefusalKind
{
    Invalid,
    BadRequest,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>
/// Why a handler refused, in Dutch: the API answers it as problem details (<see cref="ToProblem"/>), a page shows
/// <see cref="Message"/> or the field <see cref="Errors"/> beside its form. One place for the titles of both.
/// </summary>
internal sealed record Refusal(RefusalKind Kind, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    private const string InvalidTitle = "Ongeldige invoer";

    public int Status => StatusOf(Kind);

    // The status's own Dutch title (DutchProblemTitles), except for field errors.
    public string Title { get; init; } = Kind == RefusalKind.Invalid ? InvalidTitle : DutchProblemTitles.For(StatusOf(Kind))!;

    /// <summary>The sentence a page shows when there are no field errors.</summary>
    public string Message => Detail ?? Title;

    /// <summary>400 with an <c>errors</c> object keyed by field; Studio shows the messages under the empty key.</summary>
    public static Refusal Invalid(IDictionary<string, string[]> errors, string? title = null) =>
        new(RefusalKind.Invalid, null, new Dictionary<string, string[]>(errors)) { Title = title ?? InvalidTitle };

    public static Refusal BadRequest(string detail) => new(RefusalKind.BadRequest, detail, NoErrors);

    public static Refusal Forbidden(string detail) => new(RefusalKind.Forbidden, detail, NoErrors);

    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, detail, NoErrors);

    public static Refusal Conflict(string detail) => new(RefusalKind.Conflict, detail, NoErrors);

    public IResult ToProblem() => Kind == RefusalKind.Invalid
        ? TypedResults.ValidationProblem(Errors, title: Title)
        : TypedResults.Problem(statusCode: Status, title: Title, detail: Detail);

    private static readonly Dictionary<string, string[]> NoErrors = [];

    private static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid or RefusalKind.BadRequest => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };
}

/// <summary>What a handler produced for the API and the pages alike: its value, or why it refused.</summary>
internal sealed class Result<T>
    where T : class
{
    private Result(T? value, Refusal? refusal) => (Value, Refusal) = (value, refusal);

    public T? Value { get; }

    public Refusal? Refusal { get; }

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal refusal) => new(null, refusal);

    /// <summary>The API's answer: <paramref name="ok"/> for the value, problem details for a refusal.</summary>
    public IResult ToHttp(Func<T, IResult> ok) => Refusal is { } refusal ? refusal.ToProblem() : ok(Value!);
}
