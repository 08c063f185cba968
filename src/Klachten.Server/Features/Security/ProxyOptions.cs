using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Klachten.Server.Features.Security;

/// <summary>
/// <c>Klachten:Proxy</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed.
/// Unset: only a proxy on loopback (ASP.NET Core's default). Set: exactly these, so an address outside them cannot
/// pretend to be https or another client (which would dodge the per-client throttles).
/// </summary>
internal sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "Klachten:Proxy";

    /// <summary>IP addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.244.0.0/16</c> (a Kubernetes pod network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR form (10.0.0.0/8)", [nameof(KnownNetworks)]);
        }
    }
}
