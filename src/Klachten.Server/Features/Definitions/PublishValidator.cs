using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Server.Features.Definitions;

/// <summary>
/// What a definition must satisfy before it is published, on top of <see cref="DefinitionValidator"/> (which every
/// save passes): every expression parses, every term has a positive whole amount and a known unit, and no connected
/// outcome of the published version has disappeared (<see cref="DroppedPorts"/>). Drafts may be
/// incomplete, because Studio auto-saves after each drop (a freshly dropped term has no amount yet); publishing is
/// refused until they are complete. Messages are Dutch; Studio shows them as a toast.
/// </summary>
internal static class PublishValidator
{
    private static readonly FluidParser Liquid = new();

    public static IReadOnlyList<string> Validate(WorkflowDefinitionModel model, WorkflowDefinitionModel? published = null)
    {
        var errors = new List<string>();
        if (published is not null)
        {
            errors.AddRange(DroppedPorts.Check(model, published));
        }

        errors.AddRange(Klachten.Workflows.Runtime.ScheduledStarts.Errors(model));

        foreach (var activity in model.Root?.DescendantsAndSelf() ?? [])
        {
            var label = Label(activity);
            foreach (var (key, value) in activity.Extra ?? [])
            {
                if (value is JsonObject { } wrapped && wrapped["expression"] is JsonObject expression)
                {
                    CheckExpression(label, key, expression, errors);
                }
                else if (value is JsonArray cases)
                {
                    // Switch and FlowSwitch: each case's condition is a bare expression.
                    foreach (var condition in cases.OfType<JsonObject>().Select(c => c["condition"]).OfType<JsonObject>())
                    {
                        CheckExpression(label, key, condition, errors);
                    }
                }
            }

            if (activity.Type == ActivityTypes.Cron && Expression(activity.GetInput("cronExpression")) is (null or ExpressionSyntax.Literal, var cron)
                && Klachten.Workflows.Runtime.Activities.CronSchedule.Error(cron) is { } cronError)
            {
                errors.Add($"Activiteit '{label}': {cronError}");
            }

            if (activity.Type == ActivityTypes.Term)
            {
                CheckAmount(label, activity, "amount", "unit", required: true, errors);
            }
            else if (activity.Type == ActivityTypes.HumanTask)
            {
                CheckAmount(label, activity, "dueAmount", "dueUnit", required: false, errors);
            }
        }

        return errors;
    }

    private static void CheckExpression(string label, string input, JsonObject expression, List<string> errors)
    {
        var type = (expression["type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null;
        var text = (expression["value"] as JsonValue)?.TryGetValue<string>(out var v) == true ? v : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        switch (type)
        {
            case "CSharp" or "Python":
                // Elsa runs these only with their modules switched on; we never run them, so refuse before a run faults.
                errors.Add($"Activiteit '{label}': de expressie van '{input}' is in {(type == "CSharp" ? "C#" : "Python")} geschreven; "
                    + "deze server voert alleen JavaScript, Liquid en vaste waarden uit. Schrijf de expressie in JavaScript.");
                break;
            case ExpressionSyntax.JavaScript:
                if (ExpressionSyntax.JavaScriptSyntaxError(text) is { } syntaxError)
                {
                    errors.Add($"Activiteit '{label}': de JavaScript-expressie van '{input}' is ongeldig ({syntaxError}).");
                }

                break;
            case ExpressionSyntax.Liquid:
                if (!Liquid.TryParse(text, out _, out var error))
                {
                    errors.Add($"Activiteit '{label}': de Liquid-expressie van '{input}' is ongeldig ({error}).");
                }

                break;
            case ExpressionSyntax.Object or ExpressionSyntax.Json:
                try
                {
                    JsonNode.Parse(text);
                }
                catch (System.Text.Json.JsonException)
                {
                    errors.Add($"Activiteit '{label}': de waarde van '{input}' is geen geldige JSON.");
                }

                break;
        }
    }

    private static void CheckAmount(string label, ActivityModel activity, string amountKey, string unitKey, bool required, List<string> errors)
    {
        var (amountType, amount) = Expression(activity.GetInput(amountKey));
        if (string.IsNullOrWhiteSpace(amount))
        {
            if (required)
            {
                errors.Add($"Termijn '{label}' heeft geen aantal; vul in hoeveel dagen of weken de termijn duurt.");
            }
        }
        else if (amountType is null or ExpressionSyntax.Literal
                 && (!int.TryParse(amount, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 366))
        {
            errors.Add($"Termijn van '{label}': het aantal '{amount}' is geen heel getal van 1 tot en met 366.");
        }

        var (unitType, unit) = Expression(activity.GetInput(unitKey));
        if (!string.IsNullOrWhiteSpace(unit) && unitType is null or ExpressionSyntax.Literal
            && !Enum.TryParse<Klachten.Workflows.Terms.TermUnit>(unit, ignoreCase: true, out _))
        {
            errors.Add($"Termijn van '{label}': onbekende eenheid '{unit}' (kies werkdagen, kalenderdagen of weken).");
        }
    }

    // A wrapped input's syntax and text; a plain value counts as a literal.
    private static (string? Type, string? Text) Expression(JsonNode? input) => input switch
    {
        JsonObject o when o["expression"] is JsonObject e => (
            (e["type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null,
            e["value"] switch
            {
                JsonValue value when value.TryGetValue<string>(out var s) => s,
                JsonValue value => value.ToJsonString(),
                _ => null,
            }),
        JsonValue value when value.TryGetValue<string>(out var s) => (null, s),
        JsonValue value => (null, value.ToJsonString()),
        _ => (null, null),
    };

    public static string Label(ActivityModel activity) =>
        (activity.Metadata?["displayText"] as JsonValue)?.TryGetValue<string>(out var text) == true && !string.IsNullOrWhiteSpace(text)
            ? text
            : activity.Name ?? activity.Id ?? "?";
}
