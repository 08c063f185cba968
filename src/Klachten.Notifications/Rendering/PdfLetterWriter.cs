using Klachten.Contracts;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Klachten.Notifications.Rendering;

/// <summary>
/// Lays a letter out on A4 with PDFsharp: letterhead, address block where a window envelope shows it, date,
/// reference and subject, the body with wrapped paragraphs, headings and lists over as many pages as it needs,
/// "Afschrift aan", attachments on pages of their own, and a footer with reference and page number on every page.
/// </summary>
internal sealed class PdfLetterWriter : IDisposable
{
    private const double Left = 70.9;             // 25 mm
    private const double Right = 56.7;            // 20 mm
    private const double Top = 56.7;
    private const double Bottom = 70.9;
    private const double AddressTop = 141.7;      // 50 mm: the window of a DL/C5 envelope
    private const double LabelWidth = 85;
    private const double ListIndent = 18;
    private const double LineSpacing = 1.4;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(96, 96, 96));

    private readonly PdfDocument _document = new();
    private readonly LetterDocument _letter;
    private readonly XFont _body = Font(10.5, bold: false);
    private readonly XFont _bodyBold = Font(10.5, bold: true);
    private readonly XFont _small = Font(8.5, bold: false);
    private readonly XFont _smallBold = Font(8.5, bold: true);
    private PdfPage? _page;
    private XGraphics? _graphics;
    private double _y;

    private PdfLetterWriter(LetterDocument letter)
    {
        _letter = letter;
    }

    private double Width => _page!.Width.Point - Left - Right;

    private double Limit => _page!.Height.Point - Bottom;

    private XGraphics Graphics => _graphics!;

    public static byte[] Write(LetterDocument letter)
    {
        DejaVuFontResolver.EnsureInstalled();
        using var writer = new PdfLetterWriter(letter);
        return writer.Render();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    private static XFont Font(double size, bool bold) =>
        new(DejaVuFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    private byte[] Render()
    {
        _document.Info.Title = $"{_letter.Subject} ({_letter.Reference})";
        _document.Info.Author = _letter.Letterhead.OrganisationName;
        _document.Info.Subject = _letter.Subject;
        _document.Info.Creator = "KlachtenWorkflow";
        _document.Info.CreationDate = _letter.CreatedAt.UtcDateTime;

        NewPage(first: true);
        Letterhead();
        Addressees();
        Details();
        Blocks(_letter.Body);
        if (!string.IsNullOrWhiteSpace(_letter.Copies))
        {
            _y += 8;
            Wrap(TextBlocks.Inline(_letter.Copies), _small, _smallBold, indent: 0);
        }

        foreach (var attachment in _letter.Attachments)
        {
            NewPage(first: false);
            Wrap([new TextRun(attachment.Title, true)], Font(14, bold: true), Font(14, bold: true), indent: 0);
            Wrap([new TextRun($"Bijlage bij de brief met kenmerk {_letter.Reference}", false)], _small, _smallBold, indent: 0);
            _y += 10;
            Blocks(attachment.Blocks);
        }

        _graphics?.Dispose();
        _graphics = null;
        Footers();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private void NewPage(bool first)
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Top;
        if (!first)
        {
            Graphics.DrawString($"{_letter.Letterhead.OrganisationName} · kenmerk {_letter.Reference}", _small, Grey, Left, _y, XStringFormats.TopLeft);
            _y += 28;
        }
    }

    private void Letterhead()
    {
        var head = _letter.Letterhead;
        var title = Font(16, bold: true);
        Graphics.DrawString(head.OrganisationName, title, Ink, Left, _y, XStringFormats.TopLeft);
        _y += LineHeight(title);
        foreach (var line in new[] { head.AddressLine, head.ContactLine }.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            Graphics.DrawString(line!, _small, Grey, Left, _y, XStringFormats.TopLeft);
            _y += LineHeight(_small);
        }

        _y += 6;
        Graphics.DrawLine(new XPen(XColor.FromArgb(160, 160, 160), 0.6), Left, _y, Left + Width, _y);
    }

    private void Addressees()
    {
        _y = Math.Max(_y + 24, AddressTop);
        foreach (var addressee in _letter.Addressees)
        {
            Wrap([new TextRun(addressee.Name, false)], _body, _bodyBold, indent: 0);
            foreach (var line in AddressLines(addressee))
            {
                Wrap([new TextRun(line, false)], _body, _bodyBold, indent: 0);
            }

            _y += 6;
        }
    }

    private static string[] AddressLines(LetterRecipient recipient) =>
        (recipient.PostalAddress ?? string.Empty)
            .Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private void Details()
    {
        _y = Math.Max(_y + 24, AddressTop + 100);
        foreach (var (label, value, bold) in new[] { ("Datum", _letter.Date, false), ("Kenmerk", _letter.Reference, false), ("Onderwerp", _letter.Subject, true) })
        {
            Graphics.DrawString(label, _small, Grey, Left, _y + 1.5, XStringFormats.TopLeft);
            Wrap([new TextRun(value, bold)], _body, _bodyBold, indent: LabelWidth);
        }

        _y += 22;
    }

    private void Blocks(IReadOnlyList<TextBlock> blocks)
    {
        var previous = (TextBlock?)null;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    var font = Font(heading.Level == 1 ? 13 : heading.Level == 2 ? 11.5 : 10.5, bold: true);
                    _y += previous is null ? 0 : 8;
                    // A heading never ends a page: keep it with two lines of what follows.
                    EnsureSpace(LineHeight(font) + (2 * LineHeight(_body)));
                    Wrap(heading.Runs, font, font, indent: 0);
                    _y += 3;
                    break;
                case ListItemBlock item:
                    EnsureSpace(LineHeight(_body));
                    Graphics.DrawString(item.Marker, _body, Ink, Left + 4, _y, XStringFormats.TopLeft);
                    Wrap(item.Runs, _body, _bodyBold, indent: ListIndent);
                    _y += 3;
                    break;
                default:
                    if (previous is ListItemBlock)
                    {
                        _y += 4;
                    }

                    Wrap(block.Runs, _body, _bodyBold, indent: 0);
                    _y += 7;
                    break;
            }

            previous = block;
        }
    }

    private void Wrap(IReadOnlyList<TextRun> runs, XFont regular, XFont bold, double indent)
    {
        var width = Width - indent;
        var height = LineHeight(regular);
        foreach (var line in TextWrapper.Lines(runs, width, r => r ? bold : regular, (text, font) => Graphics.MeasureString(text, font).Width))
        {
            EnsureSpace(height);
            foreach (var segment in line)
            {
                Graphics.DrawString(segment.Text, segment.Font, Ink, Left + indent + segment.X, _y, XStringFormats.TopLeft);
            }

            _y += height;
        }
    }

    private void EnsureSpace(double height)
    {
        if (_y + height > Limit)
        {
            NewPage(first: false);
        }
    }

    private static double LineHeight(XFont font) => font.Size * LineSpacing;

    private void Footers()
    {
        var count = _document.PageCount;
        var head = _letter.Letterhead;
        var left = string.Join(" · ", new[] { head.FooterLine, head.OrganisationName, $"kenmerk {_letter.Reference}" }.Where(s => !string.IsNullOrWhiteSpace(s)));
        for (var index = 0; index < count; index++)
        {
            var page = _document.Pages[index];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - 42;
            graphics.DrawString(left, _small, Grey, Left, y, XStringFormats.TopLeft);
            graphics.DrawString($"pagina {index + 1} van {count}", _small, Grey, new XRect(Left, y, page.Width.Point - Left - Right, 12), XStringFormats.TopRight);
        }
    }
}
