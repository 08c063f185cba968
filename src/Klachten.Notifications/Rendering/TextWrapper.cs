using PdfSharp.Drawing;

namespace Klachten.Notifications.Rendering;

/// <summary>A piece of a line: its text, font and horizontal offset.</summary>
internal sealed record LineSegment(string Text, XFont Font, double X);

/// <summary>Breaks runs of text into lines that fit a width: at spaces, at explicit line breaks, and inside words
/// that are wider than a whole line.</summary>
internal static class TextWrapper
{
    private sealed record Word(string Text, bool Bold, bool SpaceBefore, bool BreakBefore);

    public static IEnumerable<IReadOnlyList<LineSegment>> Lines(
        IReadOnlyList<TextRun> runs, double width, Func<bool, XFont> font, Func<string, XFont, double> measure)
    {
        var line = new List<LineSegment>();
        var x = 0.0;
        foreach (var word in Words(runs))
        {
            if (word.BreakBefore && line.Count > 0)
            {
                yield return line;
                line = [];
                x = 0;
            }

            var wordFont = font(word.Bold);
            foreach (var piece in Pieces(word.Text, wordFont, width, measure))
            {
                var space = word.SpaceBefore && line.Count > 0 ? measure(" ", wordFont) : 0;
                var pieceWidth = measure(piece, wordFont);
                if (line.Count > 0 && x + space + pieceWidth > width)
                {
                    yield return line;
                    line = [];
                    x = 0;
                    space = 0;
                }

                line.Add(new LineSegment(piece, wordFont, x + space));
                x += space + pieceWidth;
            }
        }

        if (line.Count > 0)
        {
            yield return line;
        }
    }

    // A word wider than the line (a long URL) is cut where it must.
    private static IEnumerable<string> Pieces(string word, XFont font, double width, Func<string, XFont, double> measure)
    {
        if (measure(word, font) <= width)
        {
            yield return word;
            yield break;
        }

        var start = 0;
        while (start < word.Length)
        {
            var length = 1;
            while (start + length < word.Length && measure(word.Substring(start, length + 1), font) <= width)
            {
                length++;
            }

            yield return word.Substring(start, length);
            start += length;
        }
    }

    private static IEnumerable<Word> Words(IReadOnlyList<TextRun> runs)
    {
        var space = false;
        var lineBreak = false;
        foreach (var run in runs)
        {
            var current = new System.Text.StringBuilder();
            foreach (var c in run.Text)
            {
                if (c is ' ' or '\t' or TextBlocks.LineBreak)
                {
                    if (current.Length > 0)
                    {
                        yield return new Word(current.ToString(), run.Bold, space, lineBreak);
                        current.Clear();
                        space = false;
                        lineBreak = false;
                    }

                    space = true;
                    lineBreak |= c == TextBlocks.LineBreak;
                    continue;
                }

                current.Append(c);
            }

            if (current.Length > 0)
            {
                yield return new Word(current.ToString(), run.Bold, space, lineBreak);
                space = false;
                lineBreak = false;
            }
        }
    }
}
