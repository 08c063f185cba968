using System.Text.Json.Nodes;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Complaints;

internal static class ComplaintResponses
{
    public static JsonObject Created(ComplaintEntity complaint) => new()
    {
        ["id"] = complaint.Id,
        ["reference"] = complaint.Reference,
        ["status"] = complaint.Status.ToString(),
        ["workflowInstanceId"] = complaint.WorkflowInstanceId,
    };
}
