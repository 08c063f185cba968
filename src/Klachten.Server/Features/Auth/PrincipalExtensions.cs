using System.Security.Claims;

namespace Klachten.Server.Features.Auth;

internal static class PrincipalExtensions
{
    public static bool CanEditDefinitions(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Procesbeheerder) || user.IsInRole(Roles.Beheerder);
}
