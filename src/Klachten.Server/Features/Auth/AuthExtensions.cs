using Klachten.Server.Common;
using Microsoft.AspNetCore.Authentication;

namespace Klachten.Server.Features.Auth;

internal static class AuthExtensions
{
    public static IHostApplicationBuilder AddKlachtenAuth(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        builder.Services.AddScoped<UserSeeder>();
        builder.Services.AddScoped<SignInAccounts>();
        builder.Services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, null, o => o.ForwardDefaultSelector = AuthSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddWebSignIn(builder);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.DefinitionsWrite, p => p.RequireAuthenticatedUser().RequireRole(Roles.Procesbeheerder, Roles.Beheerder))
            .AddPolicy(Policies.Administration, p => p.RequireAuthenticatedUser().RequireRole(Roles.Beheerder));
        return builder;
    }
}
