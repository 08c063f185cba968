using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Auth;
using Klachten.Server.Runtime;
using MassTransit;

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

    /// <summary>The complaints feature: its policy, its step projection (the case follows its workflow) and letter requests.</summary>
    public static IHostApplicationBuilder AddComplaints(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RegisterPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Medewerker, Roles.Leidinggevende, Roles.Directeur));
        builder.Services.AddScoped<LetterRequests>();
        builder.Services.AddScoped<IStepProjection, ComplaintProjector>();
        return builder;
    }

    /// <summary>The consumers of the notification service's answers (sent, failed), on the bus or the in-process mediator.</summary>
    public static void AddLetterOutcomeConsumers(IRegistrationConfigurator consumers)
    {
        consumers.AddConsumer<LetterSentConsumer>();
        consumers.AddConsumer<LetterFailedConsumer>();
        consumers.AddConsumer<LetterFaultConsumer>();
    }
}
