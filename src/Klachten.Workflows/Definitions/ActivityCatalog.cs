using System.Collections.Frozen;
using System.Reflection;
using Klachten.Workflows.Runtime;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// The one registry of activity types: every non-abstract <see cref="IActivityBehavior"/> class in the scanned
/// assemblies, with the descriptor it declares. Validation, Studio's descriptors and the engine all read it, so a type
/// not listed here is refused on save and cannot run.
/// </summary>
public sealed class ActivityCatalog
{
    private readonly FrozenDictionary<string, IActivityBehavior> _activities;

    private ActivityCatalog(IEnumerable<IActivityBehavior> activities)
    {
        var byType = new Dictionary<string, IActivityBehavior>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (!byType.TryAdd(activity.Descriptor.TypeName, activity))
            {
                throw new InvalidOperationException($"Activity type '{activity.Descriptor.TypeName}' is declared by both {byType[activity.Descriptor.TypeName].GetType()} and {activity.GetType()}.");
            }
        }

        _activities = byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The standard Elsa activities and the <c>Klachten.*</c> activities of this assembly.</summary>
    public static ActivityCatalog Default { get; } = Scan(typeof(ActivityCatalog).Assembly);

    /// <summary>Every known type.</summary>
    public IEnumerable<ActivityTypeInfo> Types => _activities.Values.Select(a => a.Descriptor);

    /// <summary>Finds every activity class (with a parameterless constructor, public or not) in the given assemblies.</summary>
    public static ActivityCatalog Scan(params Assembly[] assemblies) => new(
        assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IActivityBehavior).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IActivityBehavior)(Activator.CreateInstance(t, nonPublic: true)
                ?? throw new InvalidOperationException($"Activity class {t} could not be created."))));

    /// <summary>Looks up a type by its Elsa type name.</summary>
    public bool TryGet(string typeName, out ActivityTypeInfo info)
    {
        var found = _activities.TryGetValue(typeName, out var activity);
        info = activity?.Descriptor!;
        return found;
    }

    /// <summary>Looks up the behaviour that executes a type.</summary>
    public bool TryGetBehavior(string typeName, out IActivityBehavior behavior) => _activities.TryGetValue(typeName, out behavior!);

    /// <summary>The inputs of a type; empty for an unknown type.</summary>
    public IReadOnlyList<ActivityInputInfo> InputsOf(string typeName) => TryGet(typeName, out var info) ? info.Inputs : [];
}
