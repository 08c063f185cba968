using Klachten.Workflows.Definitions;

namespace Klachten.Server.Features.Definitions;

/// <summary>
/// Publish-time guard against losing branches: Studio deletes the connections of an outcome that disappears from a
/// task (for instance when its outcomes field is replaced), silently and in the same auto-save. So a version may not
/// be published when an outcome port that is connected in the published version is gone and its activity no longer
/// leads to that port's target at all. Removing an outcome on purpose stays possible by connecting its follow-up
/// activity differently or removing it. Drafts are not checked: they may be incomplete.
/// </summary>
internal static class DroppedPorts
{
    public static IEnumerable<string> Check(WorkflowDefinitionModel model, WorkflowDefinitionModel published)
    {
        var current = (model.Root?.DescendantsAndSelf() ?? []).Where(a => a.NodeId is not null).ToDictionary(a => a.NodeId!, StringComparer.Ordinal);
        foreach (var container in (published.Root?.DescendantsAndSelf() ?? []).Where(a => a.IsFlowchart))
        {
            current.TryGetValue(container.NodeId ?? "", out var currentContainer);
            foreach (var group in (container.Connections ?? []).Where(c => c.Source?.Activity is not null && c.Source.Port is not null).GroupBy(c => c.Source!.Activity!, StringComparer.Ordinal))
            {
                if (!current.TryGetValue($"{container.NodeId}:{group.Key}", out var activity) || ListInputs.DynamicPorts(activity) is not { } ports)
                {
                    continue;
                }

                var reached = (currentContainer?.Connections ?? [])
                    .Where(c => c.Source?.Activity == group.Key && c.Target?.Activity is not null)
                    .Select(c => c.Target!.Activity!)
                    .ToHashSet(StringComparer.Ordinal);
                var dropped = group
                    .Where(c => !ports.Contains(c.Source!.Port!, StringComparer.Ordinal) && c.Target?.Activity is { } target && !reached.Contains(target))
                    .Select(c => c.Source!.Port!)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (dropped.Count > 0)
                {
                    yield return Message(PublishValidator.Label(activity), dropped);
                }
            }
        }
    }

    private static string Message(string label, List<string> ports)
    {
        var names = string.Join(", ", ports.Select(p => $"'{p}'"));
        return ports.Count == 1
            ? $"Activiteit '{label}': de uitkomst {names} is verdwenen, maar is in de gepubliceerde versie verbonden; de tak die erop volgde is daarmee ook weg. Voeg de uitkomst weer toe, of verbind de vervolgactiviteit eerst anders."
            : $"Activiteit '{label}': de uitkomsten {names} zijn verdwenen, maar zijn in de gepubliceerde versie verbonden; de takken die erop volgden zijn daarmee ook weg. Voeg de uitkomsten weer toe, of verbind de vervolgactiviteiten eerst anders.";
    }
}
