using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Klachten.Studio.Tests;

/// <summary>
/// Studio renders a few inline &lt;script&gt; blocks from its Razor components; the Studio page's
/// Content-Security-Policy allows exactly those by hash. A Studio upgrade that adds or changes one fails here, before a
/// view breaks in the browser with "Could not find 'editorHotkeys.register'" (the instance list did once).
/// </summary>
[Collection(StudioCollection.Name)]
public sealed partial class StudioInlineScriptTests(StudioFixture fixture)
{
    [Fact]
    public async Task EveryInlineScriptInTheStudioBundle_IsAllowedByTheStudioPagePolicy()
    {
        var scripts = InlineScripts().ToList();
        // Studio 3.8.2 ships two (the editor's and the instance list's hotkeys); none found means the scan broke.
        Assert.Equal(2, scripts.Count);

        using var client = fixture.Server.As("procesbeheerder");
        using var response = await client.GetAsync("/studio/workflows/instances");
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        var scriptSources = policy.Split(';').Single(d => d.Trim().StartsWith("script-src ", StringComparison.Ordinal));
        foreach (var (assembly, body) in scripts)
        {
            var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))) + "'";
            Assert.True(scriptSources.Contains(hash, StringComparison.Ordinal), $"inline script in {assembly} ({hash}) is not allowed by: {scriptSources}");
        }

        // Nothing else inline: 'self', wasm-unsafe-eval and one hash per script.
        Assert.Equal(2 + scripts.Count, scriptSources.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    // Razor markup is stored as UTF-16 string literals in the component assemblies.
    private static IEnumerable<(string Assembly, string Body)> InlineScripts()
    {
        var framework = Path.Combine(Path.GetDirectoryName(StudioFixture.ArtifactsDirectory)!, "src", "Klachten.Studio", "node_modules", "@elsa-workflows", "elsa-studio-wasm", "_framework");
        Assert.True(Directory.Exists(framework), $"Studio bundle not restored at {framework}");
        foreach (var file in Directory.EnumerateFiles(framework, "Elsa.*.wasm"))
        {
            var bytes = File.ReadAllBytes(file);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var offset in new[] { 0, 1 })
            {
                var text = Encoding.Unicode.GetString(bytes, offset, bytes.Length - offset - ((bytes.Length - offset) % 2));
                foreach (Match match in ScriptBlock().Matches(text))
                {
                    if (seen.Add(match.Groups[1].Value))
                    {
                        yield return (Path.GetFileName(file), match.Groups[1].Value);
                    }
                }
            }
        }
    }

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();
}
