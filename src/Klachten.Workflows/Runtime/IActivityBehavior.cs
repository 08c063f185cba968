using System.Text.Json.Nodes;

namespace Klachten.Workflows.Runtime;

/// <summary>How one activity type executes. Behaviours are stateless; state lives in the context.</summary>
public interface IActivityBehavior
{
    /// <summary>The Elsa type name this behaviour executes.</summary>
    string TypeName { get; }

    /// <summary>Runs the activity.</summary>
    ActivityResult Execute(ActivityContext context);

    /// <summary>Continues after one of its bookmarks was resumed; by default completes through <c>Done</c>.</summary>
    ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input) => ActivityResult.Done;

    /// <summary>Cleans up when its branch is cancelled (e.g. withdraws a task).</summary>
    void Cancel(ActivityContext context, IReadOnlyList<Bookmark> bookmarks)
    {
    }
}
