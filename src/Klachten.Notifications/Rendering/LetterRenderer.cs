using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Klachten.Contracts;
using Microsoft.Extensions.Options;

namespace Klachten.Notifications.Rendering;

/// <summary>A letter ready to send: the PDF and what identifies it.</summary>
internal sealed record RenderedLetter(string Subject, byte[] Pdf, string Sha256);

/// <summary>
/// Turns a <see cref="SendLetter"/> into its PDF: the kind's template filled with the message's fields, the
/// letterhead, and the requested attachments from <see cref="NotificationOptions.DocumentsDirectory"/>.
/// </summary>
internal sealed partial class LetterRenderer(LetterTemplates templates, IOptionsMonitor<NotificationOptions> options)
{
    public async Task<RenderedLetter> RenderAsync(SendLetter letter)
    {
        if (!LetterTemplates.IsLetterKind(letter.LetterKind))
        {
            throw new LetterException($"Onbekende briefsoort '{letter.LetterKind}'.");
        }

        if (letter.Recipients is null || letter.Recipients.Count == 0)
        {
            throw new LetterException("De brief heeft geen geadresseerden.");
        }

        var values = Values(letter, options.CurrentValue.Letterhead);
        var blocks = TextBlocks.Parse(await templates.RenderAsync(letter.LetterKind, values));
        var (subject, body) = Subject(blocks, fallback: letter.LetterKind);
        var attachments = (letter.Attachments ?? []).Select(Attachment).ToList();
        var addressees = letter.Recipients.Where(r => !r.IsCopy).ToList() is { Count: > 0 } main ? main : letter.Recipients.ToList();
        var document = new LetterDocument(
            options.CurrentValue.Letterhead,
            (string)values["reference"]!,
            (string)values["today"]!,
            subject,
            addressees,
            body,
            values["copies"] is string { Length: > 0 } copies ? $"Afschrift aan: {copies}" : null,
            attachments,
            letter.RequestedAt);
        var pdf = PdfLetterWriter.Write(document);
        return new RenderedLetter(subject, pdf, Convert.ToHexStringLower(SHA256.HashData(pdf)));
    }

    /// <summary>What a letter template may use: the message's fields, and these when the fields lack them.</summary>
    public static Dictionary<string, object?> Values(SendLetter letter, LetterheadOptions letterhead)
    {
        var main = letter.Recipients.Where(r => !r.IsCopy).Select(r => r.Name).ToList();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["reference"] = letter.CaseReference,
            ["today"] = Dutch.Date(letter.RequestedAt),
            ["recipientName"] = Dutch.List(main.Count > 0 ? main : letter.Recipients.Select(r => r.Name).ToList()),
            ["copies"] = string.Join(", ", letter.Recipients.Where(r => r.IsCopy).Select(r => $"{r.Name} ({Dutch.Role(r.Role)})")),
            ["organisation"] = letterhead.OrganisationName,
            ["letterKind"] = letter.LetterKind,
        };
        foreach (var (key, value) in letter.Fields ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrWhiteSpace(value) || !values.ContainsKey(key))
            {
                values[key] = value;
            }
        }

        return values;
    }

    // The template's first level-1 heading is the subject; the rest is the body.
    private static (string Subject, IReadOnlyList<TextBlock> Body) Subject(IReadOnlyList<TextBlock> blocks, string fallback)
    {
        var heading = blocks.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        var subject = heading is null ? fallback : TextBlocks.PlainText(heading.Runs).Trim();
        return (subject.Length > 0 ? subject : fallback, blocks.Where(b => !ReferenceEquals(b, heading)).ToList());
    }

    private AttachmentDocument Attachment(string name)
    {
        var path = Path.Combine(options.CurrentValue.DocumentsDirectory ?? string.Empty, name + ".md");
        if (!AttachmentPattern().IsMatch(name) || !File.Exists(path))
        {
            throw new LetterException($"Bijlage '{name}' bestaat niet (verwacht: {name}.md in de documentenmap).");
        }

        var blocks = TextBlocks.Parse(File.ReadAllText(path));
        var (title, body) = Subject(blocks, fallback: name);
        return new AttachmentDocument(title, body);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentPattern();
}
