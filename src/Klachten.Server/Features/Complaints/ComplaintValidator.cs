using System.Globalization;
using System.Net.Mail;

namespace Klachten.Server.Features.Complaints;

/// <summary>Checks an intake against the contract; every message is Dutch and keyed by the field's JSON path.</summary>
internal static class ComplaintValidator
{
    private const int MaxText = 200;
    private const int MaxDescription = 20_000;

    internal sealed record Valid(
        ComplaintCategory Category,
        DiscriminationGround? Ground,
        ComplaintStage Stage,
        RepresentativeKind? RepresentativeKind,
        DateOnly EventDate,
        DateOnly ReceivedOn);

    public static (Valid? Value, Dictionary<string, string[]> Errors) Validate(RegisterComplaintRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var complainant = request.Complainant;
        CheckText(request, errors);
        if (complainant is null || string.IsNullOrWhiteSpace(complainant.Name))
        {
            Fail("complainant.name", "Vul de naam van de klager in.");
        }
        else if (complainant.Name.Length > MaxText)
        {
            Fail("complainant.name", $"De naam is langer dan {MaxText} tekens.");
        }

        if (complainant is not null && string.IsNullOrWhiteSpace(complainant.Email) && string.IsNullOrWhiteSpace(complainant.PostalAddress))
        {
            Fail("complainant.email", "Vul een e-mailadres of een postadres van de klager in.");
        }

        if (complainant?.Email is { Length: > 0 } email && !IsEmail(email))
        {
            Fail("complainant.email", "Dit is geen geldig e-mailadres.");
        }

        if (complainant?.PostalAddress is { Length: > 500 })
        {
            Fail("complainant.postalAddress", "Het postadres is te lang.");
        }

        RepresentativeKind? representativeKind = null;
        if (request.Representative is { } representative)
        {
            if (string.IsNullOrWhiteSpace(representative.Name) || representative.Name.Length > MaxText)
            {
                Fail("representative.name", "Vul de naam van de deskundige of vertrouwenspersoon in.");
            }

            if (!Enum.TryParse<RepresentativeKind>(representative.Kind, out var kind) || !Enum.IsDefined(kind))
            {
                Fail("representative.kind", $"Kies de soort bijstand: {DutchLabels.Choice(DutchLabels.RepresentativeKinds)}.");
            }
            else
            {
                representativeKind = kind;
            }

            if (representative.Email is { Length: > 0 } repEmail && !IsEmail(repEmail))
            {
                Fail("representative.email", "Dit is geen geldig e-mailadres.");
            }
        }

        var category = ParseEnum<ComplaintCategory>(request.Category, "category", $"Kies waar de klacht over gaat: {DutchLabels.Choice(DutchLabels.Categories)}.", errors);
        DiscriminationGround? ground = null;
        if (category == ComplaintCategory.Discrimination)
        {
            ground = ParseEnum<DiscriminationGround>(request.DiscriminationGround, "discriminationGround",
                $"Kies de grond van de discriminatie: {DutchLabels.Choice(DutchLabels.Grounds)}.", errors);
            if (ground == DiscriminationGround.Other && string.IsNullOrWhiteSpace(request.DiscriminationGroundText))
            {
                Fail("discriminationGroundText", "Omschrijf de grond van de discriminatie.");
            }
        }
        else if (request.DiscriminationGround is not null)
        {
            Fail("discriminationGround", "Een discriminatiegrond hoort alleen bij een klacht over discriminatie.");
        }

        if (request.DiscriminationGroundText is { Length: > MaxText })
        {
            Fail("discriminationGroundText", $"De omschrijving is langer dan {MaxText} tekens.");
        }

        var stage = ParseEnum<ComplaintStage>(request.Stage, "stage", "Kies de fase: schriftelijk ingediend bij de directeur (formeel) of nog informeel.", errors);
        var eventDate = ParseDate(request.EventDate, "eventDate", errors);
        var receivedOn = ParseDate(request.ReceivedOn, "receivedOn", errors);
        if (receivedOn > today)
        {
            Fail("receivedOn", "De ontvangstdatum ligt in de toekomst.");
        }

        if (eventDate is not null && receivedOn is not null && eventDate > receivedOn)
        {
            Fail("eventDate", "De datum van de gebeurtenis ligt na de ontvangstdatum.");
        }

        if (string.IsNullOrWhiteSpace(request.Manager) || request.Manager.Length > 100)
        {
            Fail("manager", "Kies de betrokken leidinggevende.");
        }

        if (request.ConcernedEmployee is { Length: > 100 })
        {
            Fail("concernedEmployee", "Kies een bestaande medewerker.");
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            Fail("description", "Beschrijf de klacht.");
        }
        else if (request.Description.Length > MaxDescription)
        {
            Fail("description", $"De beschrijving is langer dan {MaxDescription} tekens.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Valid(category!.Value, ground, stage!.Value, representativeKind, eventDate!.Value, receivedOn!.Value), errors);
    }

    // Names end up in letters, e-mails and web pages, and PostgreSQL cannot store U+0000: markup in a name and control
    // characters anywhere (line breaks and tabs aside in the longer texts) are refused before anything is stored.
    private static void CheckText(RegisterComplaintRequest request, Dictionary<string, string[]> errors)
    {
        void Check(string field, string? value, bool isName, bool multiLine)
        {
            if (value is null || errors.ContainsKey(field))
            {
                return;
            }

            if (isName && value.AsSpan().IndexOfAny('<', '>') >= 0)
            {
                errors[field] = ["Een naam mag geen < of > bevatten."];
            }
            else if (value.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
            {
                errors[field] = ["De tekst bevat ongeldige tekens."];
            }
        }

        Check("complainant.name", request.Complainant?.Name, isName: true, multiLine: false);
        Check("complainant.email", request.Complainant?.Email, isName: false, multiLine: false);
        Check("complainant.postalAddress", request.Complainant?.PostalAddress, isName: false, multiLine: true);
        Check("representative.name", request.Representative?.Name, isName: true, multiLine: false);
        Check("representative.email", request.Representative?.Email, isName: false, multiLine: false);
        Check("discriminationGroundText", request.DiscriminationGroundText, isName: false, multiLine: true);
        Check("manager", request.Manager, isName: true, multiLine: false);
        Check("concernedEmployee", request.ConcernedEmployee, isName: true, multiLine: false);
        Check("description", request.Description, isName: false, multiLine: true);
    }

    /// <summary>The right to complain lapses two years after the event (the regulation).</summary>
    public static bool IsLapsed(DateOnly eventDate, DateOnly receivedOn) => eventDate < receivedOn.AddYears(-2);

    private static T? ParseEnum<T>(string? value, string field, string message, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (value is not null && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors[field] = [message];
        return null;
    }

    private static DateOnly? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["Geef een datum als JJJJ-MM-DD."];
        return null;
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
