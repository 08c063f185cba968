namespace Klachten.Server.Common;

/// <summary>
/// Endpoint metadata: a route for machines outside <c>/api</c> (a workflow's HTTP endpoint). Such routes answer
/// 401/403 problem details instead of redirecting to sign-in, and take changes only with an API key or bearer token.
/// </summary>
internal sealed class MachineEndpoint
{
    public static MachineEndpoint Instance { get; } = new();

    public static bool Is(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<MachineEndpoint>() is not null;
}
