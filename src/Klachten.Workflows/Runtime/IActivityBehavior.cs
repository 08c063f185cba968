using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// One activity type: its descriptor (type name, Dutch texts, inputs, outputs, ports) and how it executes. A class
/// implementing this is found by <see cref="ActivityCatalog.Scan"/>, so adding an activity is adding one class.
/// Behaviours are stateless singletons; state lives in the context.
/// </summary>
public interface IActivityBehavior
{
    /// <summary>What Studio shows and validation checks; inputs are read from the activity JSON by their camelCase name.</summary>
    ActivityTypeInfo Descriptor { get; }

    /// <summary>Runs the activity.</summary>
    ActivityResult Execute(ActivityContext context);

    /// <summary>Continues after one of its bookmarks was resumed; by default completes through <c>Done</c>.</summary>
    ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input) => ActivityResult.Done;

    /// <summary>Cleans up when its branch is cancelled (e.g. withdraws a task).</summary>
    void Cancel(ActivityContext context, IReadOnlyList<Bookmark> bookmarks)
    {
    }
}
