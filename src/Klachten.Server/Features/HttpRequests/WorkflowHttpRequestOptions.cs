using System.ComponentModel.DataAnnotations;

namespace Klachten.Server.Features.HttpRequests;

/// <summary>
/// <c>Klachten:Workflows:HttpRequests</c>: where workflows may send HTTP requests (SendHttpRequest,
/// FlowSendHttpRequest) and how long they wait. Secure by default: with no allowed hosts every request faults its
/// activity and nothing is sent.
/// </summary>
internal sealed class WorkflowHttpRequestOptions : IValidatableObject
{
    public const string SectionName = "Klachten:Workflows:HttpRequests";

    /// <summary>Host names requests may go to: <c>api.example.nl</c>, <c>*.example.nl</c> (its subdomains), or <c>*</c> (any host).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long a request may take, response body included, before the activity takes its <c>Timeout</c> path.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body kept; a larger one faults the activity.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest sleep between rounds when nothing wakes the sender (requests queued on another node).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests sent at the same time by one node.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How long a node's claim on a request holds: the timeout plus a minute for reading and resuming.</summary>
    public TimeSpan Lease => Timeout + TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/', StringComparison.Ordinal) || h.Contains(':', StringComparison.Ordinal)
            || (h.Contains('*', StringComparison.Ordinal) && h != "*" && !(h.StartsWith("*.", StringComparison.Ordinal) && h.LastIndexOf('*') == 0))))
        {
            yield return new ValidationResult("must be host names (api.example.nl), *.example.nl or *, without scheme, port or path", [nameof(AllowedHosts)]);
        }

        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be between 00:00:00.1 and 00:10:00", [nameof(Timeout)]);
        }

        if (MaxResponseBytes is < 1024 or > 64 * 1024 * 1024)
        {
            yield return new ValidationResult("must be between 1024 and 67108864", [nameof(MaxResponseBytes)]);
        }

        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be between 00:00:00.05 and 00:10:00", [nameof(PollInterval)]);
        }

        if (Parallelism is < 1 or > 64)
        {
            yield return new ValidationResult("must be between 1 and 64", [nameof(Parallelism)]);
        }
    }
}
