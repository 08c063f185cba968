using System.Text.Json.Serialization;

namespace Klachten.Server.Features.Complaints;

internal enum ComplaintCategory
{
    Treatment,
    ServiceEffects,
    Discrimination,
}

/// <summary>The grounds the regulation lists, plus Other.</summary>
internal enum DiscriminationGround
{
    Religion,
    Belief,
    Origin,
    SexualOrientation,
    Sex,
    Age,
    Race,
    Income,
    Other,
}

internal enum ComplaintStage
{
    Informal,
    Formal,
}

internal enum RepresentativeKind
{
    Expert,
    ConfidentialAdviser,
}

internal sealed record PersonRequest(string? Name, string? Email, string? PostalAddress);

internal sealed record RepresentativeRequest(string? Name, string? Kind, string? Email);

/// <summary><c>POST /api/complaints</c>. Enums arrive as strings and are checked by the validator for Dutch messages.</summary>
internal sealed record RegisterComplaintRequest(
    PersonRequest? Complainant,
    RepresentativeRequest? Representative,
    string? Category,
    string? DiscriminationGround,
    string? DiscriminationGroundText,
    string? EventDate,
    string? ReceivedOn,
    string? Stage,
    string? ConcernedEmployee,
    string? Manager,
    string? Description)
{
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }
}
