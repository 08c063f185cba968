using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Klachten.Studio.Tests;

/// <summary>
/// Console messages that mean Studio broke in the browser: a blocked script (Content-Security-Policy), an unhandled
/// exception in a component, or any other critical log of Blazor's renderer. Pages opened through
/// <see cref="NewPageAsync"/> are watched; a test class asserts none at its end. Errors go to the test output.
/// </summary>
internal sealed class BrokenInBrowser(ITestOutputHelper output)
{
    private readonly ConcurrentQueue<string> _messages = new();

    public async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" || message.Text.StartsWith("crit", StringComparison.Ordinal))
            {
                output.WriteLine($"console {message.Type}: {message.Text}");
            }

            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Unhandled exception rendering component", StringComparison.Ordinal)
                || message.Text.StartsWith("crit:", StringComparison.Ordinal))
            {
                _messages.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        return page;
    }

    public void AssertNone() => Assert.True(_messages.IsEmpty, "Studio broke in the browser:\n" + string.Join("\n", _messages));
}
