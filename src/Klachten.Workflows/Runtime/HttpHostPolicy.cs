namespace Klachten.Workflows.Runtime;

/// <summary>
/// The hosts workflows may send HTTP requests to (SendHttpRequest, FlowSendHttpRequest). Entries are host names
/// (<c>api.example.nl</c>), a wildcard for the subdomains of one (<c>*.example.nl</c>), or <c>*</c> for every host;
/// a port or scheme in an entry is not part of the match. An empty list allows nothing.
/// </summary>
public sealed class HttpHostPolicy
{
    private readonly string[] _hosts;

    /// <summary>A policy over the given entries (matched case-insensitively, a trailing dot ignored).</summary>
    public HttpHostPolicy(IEnumerable<string> allowedHosts) =>
        _hosts = [.. allowedHosts.Select(Normalize).Where(h => h.Length > 0)];

    /// <summary>Whether a request to <paramref name="url"/> may be sent: an absolute http(s) URL on an allowed host.</summary>
    public bool Allows(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && AllowsHost(url.IdnHost);

    /// <summary>Whether a host name is allowed.</summary>
    public bool AllowsHost(string host)
    {
        host = Normalize(host);
        foreach (var entry in _hosts)
        {
            if (entry == "*" || entry == host
                || (entry.StartsWith("*.", StringComparison.Ordinal) && host.Length > entry.Length - 1 && host.EndsWith(entry[1..], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();
}
