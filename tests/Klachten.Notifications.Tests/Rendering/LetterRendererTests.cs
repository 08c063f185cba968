using Klachten.Notifications.Tests.Support;
using Klachten.Testing.Mail;

namespace Klachten.Notifications.Tests.Rendering;

public sealed class LetterRendererTests
{
    [Fact]
    public async Task Render_Ontvangstbevestiging_StatesReferenceDueDateAndArticle()
    {
        var rendered = await Renderers.Letter().RenderAsync(Letters.Ontvangstbevestiging());

        var text = Pdfs.Text(rendered.Pdf);
        Assert.Contains("K-2026-0007", text, StringComparison.Ordinal);
        Assert.Contains("uiterlijk op 9 december 2026", text, StringComparison.Ordinal);
        Assert.Contains("artikel 4", text, StringComparison.Ordinal);
        Assert.Equal("Ontvangstbevestiging van uw klacht", rendered.Subject);
    }

    [Fact]
    public async Task Render_Letter_HasLetterheadAddressAndDutchDate()
    {
        var text = Pdfs.Text((await Renderers.Letter().RenderAsync(Letters.Ontvangstbevestiging())).Pdf);

        Assert.Contains("Stichting Integratiewerk", text, StringComparison.Ordinal);
        Assert.Contains("Jan Jansen Dorpsstraat 1 1234 AB Utrecht", text, StringComparison.Ordinal);
        Assert.Contains("Datum 25 november 2026", text, StringComparison.Ordinal);
        Assert.Contains("pagina 1 van 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WithCopies_ListsAfschriftAan()
    {
        var text = Pdfs.Text((await Renderers.Letter().RenderAsync(Letters.Ontvangstbevestiging())).Pdf);

        Assert.Contains("Afschrift aan: Petra de Vries (leidinggevende), Mr. A. Bakker (vertegenwoordiger)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Sha256_IsTheHashOfThePdf()
    {
        var rendered = await Renderers.Letter().RenderAsync(Letters.Ontvangstbevestiging());

        Assert.Equal(Pdfs.Sha256(rendered.Pdf), rendered.Sha256);
    }

    [Fact]
    public async Task Render_WerkwijzeAttachment_AddsTheDocumentOnPagesOfItsOwn()
    {
        var letter = Letters.Of("VoorgelegdAanCommissie", Letters.FullFields(), ["werkwijze-klachtencommissie"]);

        var pdf = (await Renderers.Letter().RenderAsync(letter)).Pdf;

        var text = Pdfs.Text(pdf);
        Assert.Contains("Werkwijze Klachtencommissie Stichting Integratiewerk Bijlage bij de brief met kenmerk K-2026-0007", text, StringComparison.Ordinal);
        Assert.Contains("Vertrouwelijkheid en bewaren", text, StringComparison.Ordinal);
        Assert.True(Pdfs.PageCount(pdf) >= 3, $"expected the letter plus at least two pages of the document, got {Pdfs.PageCount(pdf)}");
    }

    [Fact]
    public async Task Render_LongText_ContinuesOnNextPages()
    {
        var fields = Letters.FullFields();
        fields["decision"] = string.Join(" ", Enumerable.Range(1, 400).Select(i => $"Zin {i} van het besluit."));

        var pdf = (await Renderers.Letter().RenderAsync(Letters.Of("Besluit", fields))).Pdf;

        var text = Pdfs.Text(pdf);
        Assert.True(Pdfs.PageCount(pdf) >= 3, $"expected at least three pages, got {Pdfs.PageCount(pdf)}");
        Assert.Contains("Zin 400 van het besluit.", text, StringComparison.Ordinal);
        Assert.Contains($"pagina {Pdfs.PageCount(pdf)} van {Pdfs.PageCount(pdf)}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WordLongerThanALine_IsCutNotLost()
    {
        var fields = Letters.FullFields();
        fields["decision"] = new string('x', 300);

        var text = Pdfs.Text((await Renderers.Letter().RenderAsync(Letters.Of("Besluit", fields))).Pdf);

        Assert.Equal(300, text.Count(c => c == 'x'));
    }

    [Fact]
    public async Task Render_UnknownAttachment_IsAPermanentFailure()
    {
        var letter = Letters.Of("VoorgelegdAanCommissie", Letters.FullFields(), ["bestaat-niet"]);

        var exception = await Assert.ThrowsAsync<LetterException>(() => Renderers.Letter().RenderAsync(letter));

        Assert.Contains("bestaat-niet", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Onbekend")]
    [InlineData("../Besluit")]
    [InlineData("_email")]
    public async Task Render_KindWithoutTemplate_IsAPermanentFailure(string kind)
    {
        await Assert.ThrowsAsync<LetterException>(() => Renderers.Letter().RenderAsync(Letters.Of(kind, Letters.FullFields())));
    }

    [Fact]
    public async Task Render_TemplateWithSyntaxError_IsAPermanentFailureNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("klachten-templates-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "Kapot.liquid"), "# Kapot\n\n{% if due %}nooit gesloten");

            var exception = await Assert.ThrowsAsync<LetterException>(() => Renderers.Letter(folder.FullName).RenderAsync(Letters.Of("Kapot", Letters.FullFields())));

            Assert.Contains("Kapot.liquid", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Render_NoRecipients_IsAPermanentFailure()
    {
        var letter = Letters.Ontvangstbevestiging() with { Recipients = [] };

        await Assert.ThrowsAsync<LetterException>(() => Renderers.Letter().RenderAsync(letter));
    }
}
