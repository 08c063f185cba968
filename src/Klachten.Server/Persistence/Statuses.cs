using Klachten.Contracts;

namespace Klachten.Server.Persistence;

/// <summary>A human task's status; stored (and sent in the contract) as its name.</summary>
internal enum HumanTaskStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>A letter's delivery status, as the notification service reports it; stored (and sent) as its name.</summary>
internal enum LetterStatus
{
    Requested,
    Sent,
    Failed,
}

internal static class ComplaintStatuses
{
    /// <summary>The contract's name of a status, parsed exactly (the engine and the API send names, never numbers).</summary>
    public static ComplaintStatus? Parse(string? value) =>
        Enum.TryParse<ComplaintStatus>(value, ignoreCase: false, out var status) && status.ToString() == value ? status : null;

    /// <summary>The procedure may set every status but <see cref="ComplaintStatus.Cancelled"/>, which only stopping the instance gives.</summary>
    public static bool IsSetByProcedure(this ComplaintStatus status) => status != ComplaintStatus.Cancelled;

    /// <summary>The case has its outcome; stopping the procedure afterwards does not take it back.</summary>
    public static bool IsFinal(this ComplaintStatus status) =>
        status is ComplaintStatus.Withdrawn or ComplaintStatus.Decided or ComplaintStatus.NotAdmissible or ComplaintStatus.InformallyResolved;
}
