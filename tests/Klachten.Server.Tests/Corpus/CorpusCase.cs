using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Corpus;

/// <summary>
/// One file of <c>Corpus/Cases</c>: a request line (<c>POST /api/complaints</c>), header lines up to a blank line, then
/// the body, sent byte for byte after its macros are expanded. Headers <c>User</c> (a seeded user, or
/// <c>anonymous</c>), <c>Expect</c> (the status), <c>Why</c> (what is wrong); any other header is sent as is, and
/// <c>Content-Type</c> only when given. Macros keep huge inputs small in the repository:
/// <c>{{repeat N}}…{{/repeat}}</c> (with <c>{{i}}</c> the 0-based index), <c>{{date+N}}</c> (today in Amsterdam plus N
/// days), <c>{{task.id}}</c> and <c>{{task.version}}</c> (an open task the fixture made).
/// </summary>
public sealed partial class CorpusCase
{
    private static readonly HashSet<string> Meta = new(StringComparer.OrdinalIgnoreCase) { "User", "Expect", "Why", "Content-Type" };

    private CorpusCase(string name, string method, string path, Dictionary<string, string> headers, string body)
    {
        Name = name;
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
    }

    public static string Folder => System.IO.Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Corpus", "Cases");

    public string Name { get; }

    public string Method { get; }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }

    public string User => Headers.GetValueOrDefault("User") ?? throw new InvalidDataException($"{Name}: no User header.");

    public int ExpectedStatus => int.Parse(Headers.GetValueOrDefault("Expect") ?? throw new InvalidDataException($"{Name}: no Expect header."), CultureInfo.InvariantCulture);

    public static IEnumerable<object[]> All() =>
        Directory.EnumerateFiles(Folder, "*.req", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name });

    public static CorpusCase Load(string name)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(Folder, name)).ReplaceLineEndings("\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = (split < 0 ? text : text[..split]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var body = split < 0 ? "" : text[(split + 2)..];
        var requestLine = head[0].Split(' ', 2);
        var headers = head.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new CorpusCase(name, requestLine[0], requestLine[1].Trim(), headers, body);
    }

    public HttpRequestMessage ToRequest(IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Expand(Path, values, today));
        if (User != "anonymous")
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"ApiKey dev-{User}");
        }

        if (Body.Length > 0 || Headers.ContainsKey("Content-Type"))
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Expand(Body, values, today)));
            if (Headers.TryGetValue("Content-Type", out var contentType))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (key, value) in Headers.Where(h => !Meta.Contains(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        return request;
    }

    internal static string Expand(string text, IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        text = RepeatMacro().Replace(text, m =>
        {
            var count = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var builder = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                builder.Append(m.Groups[2].Value.Replace("{{i}}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }

            return builder.ToString();
        });
        text = DateMacro().Replace(text, m => today.AddDays(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return ValueMacro().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidDataException($"Unknown corpus macro '{m.Value}'."));
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"\{\{repeat (\d+)\}\}(.*?)\{\{/repeat\}\}", RegexOptions.Singleline)]
    private static partial Regex RepeatMacro();

    [GeneratedRegex(@"\{\{date([+-]\d+)\}\}")]
    private static partial Regex DateMacro();

    [GeneratedRegex(@"\{\{([a-z]+\.[a-z]+)\}\}")]
    private static partial Regex ValueMacro();
}
