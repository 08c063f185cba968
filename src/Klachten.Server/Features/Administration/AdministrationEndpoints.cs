using System.Security.Claims;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Common;
using Klachten.Server.Features.Auth;

namespace Klachten.Server.Features.Administration;

/// <summary>
/// <c>/api/admin</c> (beheerder): accounts, roles, API keys and the trail of their changes. Like every other unsafe
/// API call, a change needs an API key or a bearer token (<see cref="AuthSchemes.Select"/>); the staff app's pages
/// make the same changes through <see cref="Accounts"/> with their own anti-forgery tokens.
/// </summary>
internal static class AdministrationEndpoints
{
    private const long BodyLimitBytes = 16 * 1024;

    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Accounts>();
        return builder;
    }

    public static RouteGroupBuilder MapAdministration(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Administration);
        admin.MapGet("/users", ListUsersAsync);
        admin.MapPost("/users", CreateUserAsync);
        admin.MapGet("/users/{userName}", GetUserAsync);
        admin.MapPatch("/users/{userName}", ChangeUserAsync);
        admin.MapGet("/api-keys", ListKeysAsync);
        admin.MapPost("/api-keys", CreateKeyAsync);
        admin.MapPost("/api-keys/{id:guid}/revoke", RevokeKeyAsync);
        admin.MapGet("/audit", AuditAsync);
        return api;
    }

    private static async Task<IResult> ListUsersAsync(Accounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Json(Items((await accounts.ListAsync(cancellationToken)).Select(ToJson)));

    private static async Task<IResult> GetUserAsync(string userName, Accounts accounts, CancellationToken cancellationToken) =>
        await accounts.FindAsync(userName, cancellationToken) is { } user
            ? TypedResults.Json(ToJson(user))
            : ProblemResponses.NotFound($"Gebruiker '{userName}' bestaat niet.");

    private static async Task<IResult> CreateUserAsync(HttpRequest request, ClaimsPrincipal user, Accounts accounts, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, BodyLimitBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (Shape(node, "userName", "displayName", "email") is { } bad)
        {
            return bad;
        }

        var created = await accounts.CreateAsync(Actor(user), new NewAccount(Text(node, "userName"), Text(node, "displayName"), Text(node, "email"), Strings(node, "roles")), cancellationToken);
        return created.ToHttp(u => TypedResults.Json(ToJson(u), statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> ChangeUserAsync(string userName, HttpRequest request, ClaimsPrincipal user, Accounts accounts, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, BodyLimitBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (Shape(node, "displayName", "email") is { } bad)
        {
            return bad;
        }

        var body = (JsonObject)node!;
        var change = new AccountChange(Text(body, "displayName"), Text(body, "email"), Strings(body, "roles"), body["disabled"]?.GetValue<bool>());
        return (await accounts.ChangeAsync(Actor(user), userName, change, cancellationToken)).ToHttp(u => TypedResults.Json(ToJson(u)));
    }

    private static async Task<IResult> ListKeysAsync(string? userName, Accounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Json(Items((await accounts.ListKeysAsync(userName, cancellationToken)).Select(ToJson)));

    private static async Task<IResult> CreateKeyAsync(HttpRequest request, ClaimsPrincipal user, Accounts accounts, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, BodyLimitBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (Shape(node, "userName", "name") is { } bad)
        {
            return bad;
        }

        var created = await accounts.CreateKeyAsync(Actor(user), Text(node, "userName"), Text(node, "name"), cancellationToken);
        return created.ToHttp(k =>
        {
            var json = ToJson(k.Key);
            json["key"] = k.Secret;
            return TypedResults.Json(json, statusCode: StatusCodes.Status201Created);
        });
    }

    private static async Task<IResult> RevokeKeyAsync(Guid id, ClaimsPrincipal user, Accounts accounts, CancellationToken cancellationToken) =>
        (await accounts.RevokeKeyAsync(Actor(user), id, cancellationToken)).ToHttp(k => TypedResults.Json(ToJson(k)));

    private static async Task<IResult> AuditAsync(string? userName, int? take, Accounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Json(Items((await accounts.AuditAsync(userName, take ?? 200, cancellationToken)).Select(a => new JsonObject
        {
            ["at"] = AmsterdamTime.Local(a.At),
            ["actor"] = a.Actor,
            ["action"] = a.Action.ToString(),
            ["userName"] = a.Subject,
            ["detail"] = a.Detail,
        })));

    public static JsonObject ToJson(AccountView u) => new()
    {
        ["userName"] = u.UserName,
        ["displayName"] = u.DisplayName,
        ["email"] = u.Email,
        ["roles"] = new JsonArray([.. u.Roles.Select(r => (JsonNode?)r)]),
        ["disabled"] = u.Disabled,
        ["createdAt"] = AmsterdamTime.Local(u.CreatedAt),
        ["lastSignInAt"] = u.LastSignInAt is { } at ? AmsterdamTime.Local(at) : null,
    };

    public static JsonObject ToJson(ApiKeyView k) => new()
    {
        ["id"] = k.Id,
        ["userName"] = k.UserName,
        ["name"] = k.Name,
        ["createdAt"] = AmsterdamTime.Local(k.CreatedAt),
        ["lastUsedAt"] = k.LastUsedAt is { } used ? AmsterdamTime.Local(used) : null,
        ["revokedAt"] = k.RevokedAt is { } revoked ? AmsterdamTime.Local(revoked) : null,
    };

    private static JsonObject Items(IEnumerable<JsonObject> items) => new() { ["items"] = new JsonArray([.. items]) };

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "onbekend";

    /// <summary>
    /// A 400 unless the body is an object whose text fields are strings (or null), <c>roles</c> an array and
    /// <c>disabled</c> a boolean, where present: a field of the wrong type is an error, never silently "unchanged".
    /// </summary>
    private static IResult? Shape(JsonNode? node, params string[] textFields)
    {
        if (node is not JsonObject body)
        {
            return ProblemResponses.BadRequest("Stuur een JSON-object.");
        }

        var wrong = textFields.Where(f => body[f] is { } v && v.GetValueKind() != System.Text.Json.JsonValueKind.String).ToList();
        if (body["roles"] is { } roles && roles is not JsonArray)
        {
            wrong.Add("roles (een lijst van rollen)");
        }

        if (body["disabled"] is { } disabled && disabled.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
        {
            wrong.Add("disabled (true of false)");
        }

        return wrong.Count == 0 ? null : ProblemResponses.BadRequest($"Velden met een verkeerd type: {string.Join(", ", wrong)}.");
    }

    private static string? Text(JsonNode? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Null when absent; a non-string item becomes its JSON text so validation names it.</summary>
    private static List<string>? Strings(JsonNode? node, string name) =>
        node?[name] is JsonArray array ? [.. array.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : i?.ToJsonString() ?? "null")] : null;
}
