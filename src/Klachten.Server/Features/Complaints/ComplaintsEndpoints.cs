using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Auth;

namespace Klachten.Server.Features.Complaints;

internal static class ComplaintsEndpoints
{
    public const string RegisterPolicy = "complaints-register";

    public static RouteGroupBuilder MapComplaints(this RouteGroupBuilder api)
    {
        api.MapPost("/complaints", RegisterComplaint.HandleAsync).RequireAuthorization(RegisterPolicy);
        api.MapGet("/complaints/{id:guid}", GetComplaint.ByIdAsync);
        api.MapGet("/complaints", GetComplaint.ListAsync);
        api.MapPost("/complaints/{id:guid}/withdraw", ComplaintEvents.WithdrawAsync).RequireAuthorization(RegisterPolicy);
        api.MapPost("/complaints/{id:guid}/written-complaint", ComplaintEvents.WrittenComplaintAsync).RequireAuthorization(RegisterPolicy);
        return api.MapAudit();
    }

    public static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddComplaintPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) =>
        builder.AddPolicy(RegisterPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Medewerker, Roles.Leidinggevende, Roles.Directeur));
}
