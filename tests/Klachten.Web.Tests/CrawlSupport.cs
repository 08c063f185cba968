using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Klachten.Web.Tests;

/// <summary>One submit button of one form on a page, as the crawler sees it.</summary>
internal sealed record FormButton(
    [property: JsonPropertyName("form")] int Form,
    [property: JsonPropertyName("button")] int Button,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("name")] string Name)
{
    /// <summary>Method, target (ids normalised; a GET form's own query is replaced by its fields) and the button's own label.</summary>
    public string Signature
    {
        get
        {
            var target = CrawlUrl.Key(new Uri(Action));
            if (Method == "GET")
            {
                target = target.Split('?')[0];
            }

            return $"{Method} {target} [{Label}{(Name.Length > 0 ? "|" + Name : "")}]";
        }
    }

    public bool IsSignOut => new Uri(Action).AbsolutePath.Equals("/afmelden", StringComparison.OrdinalIgnoreCase);
}

/// <summary>URLs as the crawler dedupes them: path and query with ids replaced by <c>{id}</c>.</summary>
internal static partial class CrawlUrl
{
    public static string Key(Uri url) => Ids().Replace(url.PathAndQuery, "{id}");

    /// <summary>A GUID, or a token of 12+ letters and digits with at least one digit (task ids, letter ids).</summary>
    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{12,}")]
    private static partial Regex Ids();
}

/// <summary>What a response must not be when a person navigates to it: a raw JSON answer instead of a page.</summary>
internal static class RawJson
{
    public static bool IsJsonContentType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        return string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || string.Equals(mediaType, "application/problem+json", StringComparison.OrdinalIgnoreCase);
    }

    public static bool LooksLikeJson(string? body) => body?.TrimStart() is { Length: > 0 } trimmed && trimmed[0] == '{';

    /// <summary>Why the response is a raw JSON page, or null when it is not.</summary>
    public static async Task<string?> ProblemAsync(IResponse response)
    {
        var contentType = await response.HeaderValueAsync("content-type");
        if (IsJsonContentType(contentType))
        {
            return $"raw JSON page ({contentType})";
        }

        string body;
        try
        {
            body = await response.TextAsync();
        }
        catch (PlaywrightException)
        {
            // The body of a navigation that was replaced by another is gone; its status was still checked.
            return null;
        }

        return LooksLikeJson(body) ? $"raw JSON page (body starts with '{{', {contentType})" : null;
    }
}

/// <summary>
/// Reads a page's forms and fills one with a valid value per visible, empty field, the way a person would: radio
/// the first option, select the first non-empty option, plausible Dutch text, a date as the field's hint asks,
/// an e-mail address at example.nl. Prefilled values (a default date, a preselected outcome) are kept; hidden fields,
/// the anti-forgery token among them, are left as the page rendered them.
/// </summary>
internal static class FormFiller
{
    private const string SubmitButtons = "button[type=submit], button:not([type]), input[type=submit]";

    public static async Task<IReadOnlyList<FormButton>> ButtonsAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>(
            """
            selector => Array.from(document.forms).flatMap((form, f) =>
                Array.from(form.querySelectorAll(selector)).map((b, i) => ({
                    form: f,
                    button: i,
                    method: (b.getAttribute('formmethod') || form.getAttribute('method') || 'get').toUpperCase(),
                    action: b.hasAttribute('formaction') ? b.formAction : form.action,
                    label: (b.tagName === 'INPUT' ? b.value : Array.from(b.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(' ')).replace(/\s+/g, ' ').trim(),
                    name: b.getAttribute('name') || '',
                })))
            """,
            SubmitButtons)).Deserialize<FormButton[]>()!;

    public static ILocator Form(IPage page, FormButton button) => page.Locator("form").Nth(button.Form);

    public static ILocator Submit(IPage page, FormButton button) => Form(page, button).Locator(SubmitButtons).Nth(button.Button);

    public static async Task FillAsync(ILocator form, DateOnly today)
    {
        var fields = form.Locator("input, select, textarea");
        var done = new HashSet<int>();
        var fieldInfos = await ReadFieldsAsync(form);
        for (var i = 0; i < fieldInfos.Length; i++)
        {
            var info = fieldInfos[i];
            if (!info.Visible || info.Disabled || info.Type is "hidden" or "submit" or "button" or "reset" or "image" or "file" or "checkbox" || !done.Add(i))
            {
                continue;
            }

            var field = fields.Nth(i);
            switch (info.Tag, info.Type)
            {
                case ("input", "radio"):
                    if (!info.GroupChecked)
                    {
                        await field.CheckAsync();

                        // A choice may show or hide other fields (the intake's discrimination ground).
                        fieldInfos = await ReadFieldsAsync(form);
                    }

                    break;
                case ("select", _):
                    if (info.Value.Length == 0 && info.FirstOption is { } first)
                    {
                        await field.SelectOptionAsync(first);
                        fieldInfos = await ReadFieldsAsync(form);
                    }

                    break;
                default:
                    if (info.Value.Length == 0)
                    {
                        await field.FillAsync(ValueFor(info, today));
                    }

                    break;
            }
        }
    }

    /// <summary>Every input, select and textarea of the form in document order, read in one round trip.</summary>
    private static async Task<FieldInfo[]> ReadFieldsAsync(ILocator form) =>
        (await form.EvaluateAsync<JsonElement>(
            """
            form => Array.from(form.querySelectorAll('input, select, textarea')).map(e => ({
                tag: e.tagName.toLowerCase(),
                type: (e.getAttribute('type') || '').toLowerCase(),
                name: e.name || '',
                value: e.value || '',
                hint: (e.getAttribute('aria-describedby') || '').split(/\s+/).map(id => document.getElementById(id)?.textContent || '').join(' '),
                groupChecked: e.type === 'radio' && Array.from(form.elements).some(o => o.type === 'radio' && o.name === e.name && o.checked),
                firstOption: e.tagName === 'SELECT' ? (Array.from(e.options).map(o => o.value).find(v => v !== '') ?? null) : null,
                disabled: !!(e.disabled || e.readOnly),
                visible: e.checkVisibility(),
            }))
            """)).Deserialize<FieldInfo[]>()!;

    private static string ValueFor(FieldInfo field, DateOnly today)
    {
        var name = field.Name.ToLowerInvariant();
        return field.Type switch
        {
            "email" => "jan.devries@example.nl",
            "date" => (field.Hint.Contains("toekomst", StringComparison.OrdinalIgnoreCase) ? today : today.AddDays(-10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "number" => "1",
            "tel" => "030 123 45 67",
            "url" => "https://www.example.nl/",
            _ when name.Contains("email", StringComparison.Ordinal) => "jan.devries@example.nl",
            _ when name.EndsWith("name", StringComparison.Ordinal) || name.Contains("naam", StringComparison.Ordinal) => "Jan de Vries",
            _ when name.Contains("address", StringComparison.Ordinal) || name.Contains("adres", StringComparison.Ordinal) => "Dorpsstraat 1, 3511 AB Utrecht",
            _ => "Besproken met de klager; de klager is telefonisch op de hoogte gebracht.",
        };
    }

    private sealed record FieldInfo(
        [property: JsonPropertyName("tag")] string Tag,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("value")] string Value,
        [property: JsonPropertyName("hint")] string Hint,
        [property: JsonPropertyName("groupChecked")] bool GroupChecked,
        [property: JsonPropertyName("firstOption")] string? FirstOption,
        [property: JsonPropertyName("disabled")] bool Disabled,
        [property: JsonPropertyName("visible")] bool Visible);
}
