using System.Net;
using System.Text.RegularExpressions;
using Klachten.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Klachten.Server.Tests.Web;

/// <summary>
/// A browser-like session with the staff app: its own cookies, no automatic redirects, signed in through the
/// sign-in form with the form's own anti-forgery token, and forms posted with the token the page rendered.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    public const string TokenField = "__af";

    private WebSession(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    public static WebSession Anonymous(KlachtenFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Signs in with a Development account (password = user name); null stays anonymous.</summary>
    public static async Task<WebSession> SignInAsync(KlachtenFactory factory, string? user)
    {
        var session = Anonymous(factory);
        if (user is null)
        {
            return session;
        }

        using var response = await session.PostFormAsync("/aanmelden", "/aanmelden", new() { ["gebruikersnaam"] = user, ["wachtwoord"] = user, ["returnUrl"] = "/" });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {user}: {(int)response.StatusCode}");
        return session;
    }

    /// <summary>Reads the anti-forgery token from a page this session may see, then posts the fields with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string tokenPage, string url, Dictionary<string, string> fields)
    {
        var token = await TokenAsync(tokenPage);
        var content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>(TokenField, token)));
        return await Client.PostAsync(url, content);
    }

    public async Task<string> TokenAsync(string page)
    {
        using var response = await Client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"{page} ({(int)response.StatusCode}) renders no anti-forgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Every <c>&lt;form method="post"&gt;</c> of the page that lacks the token field, by its opening tag.</summary>
    public static List<string> PostFormsWithoutToken(string html) =>
        [.. PostForm().Matches(html).Where(m => !m.Groups["body"].Value.Contains($"name=\"{TokenField}\"", StringComparison.Ordinal)).Select(m => m.Groups["open"].Value)];

    public static int PostFormCount(string html) => PostForm().Count(html);

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("""<input[^>]*name="__af"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex TokenInput();

    [GeneratedRegex("""(?<open><form\b[^>]*method="post"[^>]*>)(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();
}
