using Klachten.Server.Features.Complaints;
using Klachten.Server.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Klachten.Server.Features.Auth;

internal static class AuthExtensions
{
    public static IHostApplicationBuilder AddKlachtenAuth(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        builder.Services.AddScoped<UserSeeder>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.DefinitionsWrite, p => p.RequireAuthenticatedUser().RequireRole(Roles.Procesbeheerder, Roles.Beheerder))
            .AddComplaintPolicies();
        return builder;
    }
}
