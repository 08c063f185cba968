using Microsoft.Playwright;

namespace Klachten.Testing.Browser;

/// <summary>
/// Opening a page in the browser tests (linked into Klachten.Web.Tests and Klachten.Studio.Tests): a page that answers
/// 404 or 500 still renders something, so a test that only looks at the page's content could pass on an error page.
/// </summary>
internal static class PageNavigation
{
    /// <summary>
    /// Navigates to <paramref name="url"/> and asserts the status of the main response after redirects: 2xx unless the
    /// test names the status it expects.
    /// </summary>
    public static async Task<IResponse> OpenPageAsync(this IPage page, string url, int? expectedStatus = null)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is not null, $"Opening {url} gave no response (a same-document navigation has none).");
        if (expectedStatus is { } status)
        {
            Assert.True(response.Status == status, $"Opening {url}: HTTP {response.Status} at {response.Url}, expected {status}.");
        }
        else
        {
            Assert.True(response.Ok, $"Opening {url}: HTTP {response.Status} {response.StatusText} at {response.Url}, expected 2xx.");
        }

        return response;
    }
}
