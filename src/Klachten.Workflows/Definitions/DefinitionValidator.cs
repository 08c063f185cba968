namespace Klachten.Workflows.Definitions;

/// <summary>
/// Checks a definition before it is stored: a flowchart root, known activity types, unique ids, and connections
/// between existing activities over existing ports. Messages are Dutch: Studio shows them to process owners.
/// </summary>
public sealed class DefinitionValidator(ActivityCatalog catalog)
{
    /// <summary>More activities than any readable procedure has; a guard against abuse, not a design limit.</summary>
    public const int MaxActivities = 1000;

    /// <summary>Deepest container nesting accepted.</summary>
    public const int MaxNesting = 8;

    /// <summary>Longest name or id accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Returns every problem found; empty when the definition is valid.</summary>
    public IReadOnlyList<string> Validate(WorkflowDefinitionModel model)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(model.Name))
        {
            errors.Add("De workflow heeft geen naam.");
        }
        else if (model.Name.Length > MaxNameLength)
        {
            errors.Add($"De naam van de workflow is langer dan {MaxNameLength} tekens.");
        }
        else if (!IsPlainName(model.Name))
        {
            errors.Add("De naam van de workflow mag geen <, > of stuurtekens bevatten.");
        }

        if (model.Description is { } description && description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add("De omschrijving van de workflow bevat stuurtekens.");
        }

        if (model.DefinitionId is { } definitionId && !IsValidDefinitionId(definitionId))
        {
            errors.Add($"Het definitie-id mag alleen letters, cijfers, '-', '_' en '.' bevatten (hoogstens {MaxNameLength} tekens).");
        }

        if (model.Root is null)
        {
            errors.Add("De workflow heeft geen hoofdactiviteit (root).");
            return errors;
        }

        // Studio makes a flowchart; Elsa's code-first and imported workflows may have another composite (a Sequence).
        if (!model.Root.IsFlowchart && !(model.Root.Type is { } rootType && catalog.TryGetBehavior(rootType, out var root) && root is Runtime.IContainerBehavior))
        {
            errors.Add($"De hoofdactiviteit moet een {ActivityTypes.Flowchart} of een andere samengestelde activiteit (zoals {ActivityTypes.Sequence}) zijn, niet '{model.Root.Type}'.");
            return errors;
        }

        var count = model.Root.DescendantsAndSelf().Take(MaxActivities + 2).Count();
        if (count > MaxActivities + 1)
        {
            errors.Add($"De workflow heeft meer dan {MaxActivities} activiteiten.");
            return errors;
        }

        ValidateContainer(model.Root, 1, errors);
        return errors;
    }

    private void ValidateContainer(ActivityModel container, int depth, List<string> errors)
    {
        if (depth > MaxNesting)
        {
            errors.Add($"Activiteiten zijn dieper dan {MaxNesting} niveaus genest.");
            return;
        }

        var children = new Dictionary<string, ActivityModel>(StringComparer.Ordinal);
        foreach (var activity in container.Children)
        {
            var label = string.IsNullOrWhiteSpace(activity.Name) ? activity.Id : activity.Name;
            if (string.IsNullOrWhiteSpace(activity.Id) || activity.Id.Length > MaxNameLength)
            {
                errors.Add("Een activiteit heeft geen geldig id.");
                continue;
            }

            if (!children.TryAdd(activity.Id, activity))
            {
                errors.Add($"Het id '{activity.Id}' komt meer dan eens voor.");
            }

            // A workflow used as an activity has its definition's name as type; publishing checks that it exists.
            if (string.IsNullOrWhiteSpace(activity.Type) || (!catalog.TryGet(activity.Type, out _) && !activity.IsWorkflowActivity))
            {
                errors.Add($"Activiteit '{label}' heeft een onbekend type '{activity.Type}'.");
            }

            if (activity.Name is { Length: > MaxNameLength })
            {
                errors.Add($"De naam van activiteit '{activity.Id}' is langer dan {MaxNameLength} tekens.");
            }
            else if (activity.Name is { } activityName && !IsPlainName(activityName))
            {
                errors.Add($"De naam van activiteit '{activity.Id}' mag geen <, > of stuurtekens bevatten.");
            }

            if (activity.Children.Any() || activity.IsFlowchart)
            {
                ValidateContainer(activity, depth + 1, errors);
            }
        }

        foreach (var connection in container.Connections ?? [])
        {
            ValidateConnection(connection, children, errors);
        }
    }

    private void ValidateConnection(ConnectionModel connection, Dictionary<string, ActivityModel> children, List<string> errors)
    {
        var sourceId = connection.Source?.Activity;
        var targetId = connection.Target?.Activity;
        if (sourceId is null || !children.TryGetValue(sourceId, out var source))
        {
            errors.Add($"Een verbinding begint bij een activiteit die niet bestaat ('{sourceId}').");
            return;
        }

        if (targetId is null || !children.ContainsKey(targetId))
        {
            errors.Add($"Een verbinding vanaf '{sourceId}' eindigt bij een activiteit die niet bestaat ('{targetId}').");
            return;
        }

        if (connection.Target!.Port is { } targetPort && !string.Equals(targetPort, "In", StringComparison.Ordinal))
        {
            errors.Add($"Een verbinding naar '{targetId}' moet op de ingang 'In' aankomen, niet op '{targetPort}'.");
        }

        var port = connection.Source!.Port;
        if (string.IsNullOrWhiteSpace(port))
        {
            errors.Add($"Een verbinding vanaf '{sourceId}' heeft geen uitgang (port).");
            return;
        }

        if (source.Type is not null && catalog.TryGet(source.Type, out var info) && !info.HasDynamicPorts)
        {
            if (info.IsTerminal)
            {
                errors.Add($"Activiteit '{sourceId}' ({info.DisplayName}) heeft geen uitgang, maar er vertrekt een verbinding.");
            }
            else if (!info.Ports.Contains(port, StringComparer.Ordinal))
            {
                errors.Add($"Activiteit '{sourceId}' ({info.DisplayName}) heeft geen uitgang '{port}'.");
            }
        }
    }

    // Names are shown in Studio, the staff app's flowchart and logs: markup and control characters (U+0000 cannot even
    // be stored in PostgreSQL) are refused rather than escaped in every place that shows them.
    private static bool IsPlainName(string name) => name.AsSpan().IndexOfAny('<', '>') < 0 && !name.Any(char.IsControl);

    private static bool IsValidDefinitionId(string id) =>
        id.Length is > 0 and <= MaxNameLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
