using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Complaints;

/// <summary>A complaint as registering or resuming it answers: enough to link to the case.</summary>
internal sealed record ComplaintRef(Guid Id, string Reference, ComplaintStatus Status, string? WorkflowInstanceId)
{
    public static ComplaintRef Of(ComplaintEntity complaint) => new(complaint.Id, complaint.Reference, complaint.Status, complaint.WorkflowInstanceId);

    /// <summary>The contract's JSON (<c>POST /api/complaints</c> and the event endpoints).</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["reference"] = Reference,
        ["status"] = Status.ToString(),
        ["workflowInstanceId"] = WorkflowInstanceId,
    };
}

/// <summary>A registration: the complaint, and whether this call created it (not an earlier one with the same key).</summary>
internal sealed record Registration(ComplaintRef Complaint, bool IsNew);
