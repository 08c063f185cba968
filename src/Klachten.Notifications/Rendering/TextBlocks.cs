using System.Text;

namespace Klachten.Notifications.Rendering;

/// <summary>A piece of text, bold or not.</summary>
internal sealed record TextRun(string Text, bool Bold);

/// <summary>A block of a letter or document: heading, paragraph or list item.</summary>
internal abstract record TextBlock(IReadOnlyList<TextRun> Runs);

/// <summary><c># …</c> (level 1) to <c>### …</c>.</summary>
internal sealed record HeadingBlock(int Level, IReadOnlyList<TextRun> Runs) : TextBlock(Runs);

/// <summary>Lines up to the next blank line, joined; a line ending in two spaces or a backslash keeps its break.</summary>
internal sealed record ParagraphBlock(IReadOnlyList<TextRun> Runs) : TextBlock(Runs);

/// <summary><c>- item</c>, <c>* item</c> or <c>1. item</c>; <see cref="Marker"/> is what is printed before it.</summary>
internal sealed record ListItemBlock(string Marker, IReadOnlyList<TextRun> Runs) : TextBlock(Runs);

/// <summary>
/// The small part of Markdown the templates and documents use: headings, paragraphs, bulleted and numbered lists,
/// <c>**bold**</c>. Anything else is text as written, so a template can never fail to render here.
/// </summary>
internal static class TextBlocks
{
    public const char LineBreak = '\n';

    public static IReadOnlyList<TextBlock> Parse(string text)
    {
        var blocks = new List<TextBlock>();
        var paragraph = new StringBuilder();
        string? itemMarker = null;
        var breakAfterPrevious = false;

        void Flush()
        {
            if (paragraph.Length > 0)
            {
                var runs = Inline(paragraph.ToString().TrimEnd());
                blocks.Add(itemMarker is null ? new ParagraphBlock(runs) : new ListItemBlock(itemMarker, runs));
            }

            paragraph.Clear();
            itemMarker = null;
        }

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0)
            {
                Flush();
            }
            else if (Heading(trimmed) is { } heading)
            {
                Flush();
                blocks.Add(heading);
            }
            else if (ListMarker(trimmed) is var (marker, rest) && marker is not null)
            {
                Flush();
                itemMarker = marker;
                paragraph.Append(rest.TrimEnd('\\'));
            }
            else
            {
                if (paragraph.Length > 0)
                {
                    paragraph.Append(breakAfterPrevious ? LineBreak : ' ');
                }

                paragraph.Append(trimmed.TrimEnd('\\'));
            }

            // Markdown's hard break: the line ends in two spaces or a backslash.
            breakAfterPrevious = raw.EndsWith("  ", StringComparison.Ordinal) || line.EndsWith('\\');
        }

        Flush();
        return blocks;
    }

    /// <summary>Splits <c>**bold**</c> spans; an unmatched <c>**</c> stays as text.</summary>
    public static IReadOnlyList<TextRun> Inline(string text)
    {
        var runs = new List<TextRun>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("**", position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf("**", open + 2, StringComparison.Ordinal);
            if (open < 0 || close < 0)
            {
                runs.Add(new TextRun(text[position..], false));
                break;
            }

            if (open > position)
            {
                runs.Add(new TextRun(text[position..open], false));
            }

            if (close > open + 2)
            {
                runs.Add(new TextRun(text[(open + 2)..close], true));
            }

            position = close + 2;
        }

        return runs;
    }

    public static string PlainText(IReadOnlyList<TextRun> runs) => string.Concat(runs.Select(r => r.Text));

    private static HeadingBlock? Heading(string line)
    {
        var level = 0;
        while (level < line.Length && level < 4 && line[level] == '#')
        {
            level++;
        }

        return level is > 0 and < 4 && line.Length > level && line[level] == ' '
            ? new HeadingBlock(level, Inline(line[(level + 1)..].Trim()))
            : null;
    }

    private static (string? Marker, string Text) ListMarker(string line)
    {
        if (line.Length > 2 && line[0] is '-' or '*' && line[1] == ' ' && !line.StartsWith("**", StringComparison.Ordinal))
        {
            return ("•", line[2..].TrimStart());
        }

        var digits = 0;
        while (digits < line.Length && digits < 3 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && line.Length > digits + 2 && line[digits] == '.' && line[digits + 1] == ' '
            ? (line[..(digits + 1)], line[(digits + 2)..].TrimStart())
            : (null, line);
    }
}
