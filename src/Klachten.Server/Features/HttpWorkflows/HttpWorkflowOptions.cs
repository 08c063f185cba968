using System.ComponentModel.DataAnnotations;

namespace Klachten.Server.Features.HttpWorkflows;

/// <summary><c>Klachten:Workflows:Http</c>: where workflows with an HTTP endpoint answer.</summary>
internal sealed class HttpWorkflowOptions : IValidatableObject
{
    public const string SectionName = "Klachten:Workflows:Http";

    /// <summary>
    /// The path under which every HTTP endpoint of a workflow lives (<c>/api/workflows/aanvraag</c>). Elsa's default,
    /// <c>/workflows</c>, is where Studio's own pages are here.
    /// </summary>
    public string BasePath { get; set; } = "/api/workflows";

    /// <summary>Largest request body a workflow endpoint accepts.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!BasePath.StartsWith('/') || BasePath.Length < 2 || BasePath.EndsWith('/')
            || new[] { "/elsa", "/studio", "/workflows", "/health", "/metrics", "/beheer", "/klachten", "/taken", "/api/complaints", "/api/tasks", "/api/admin" }.Any(p => BasePath.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult("must be a path such as /workflows, not one of the server's own", [nameof(BasePath)]);
        }

        if (MaxBodyBytes is < 1024 or > 10 * 1024 * 1024)
        {
            yield return new ValidationResult("must be between 1024 and 10485760", [nameof(MaxBodyBytes)]);
        }
    }
}
