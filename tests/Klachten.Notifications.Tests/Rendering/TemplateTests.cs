using Klachten.Contracts;
using Klachten.Notifications.Rendering;
using Klachten.Notifications.Tests.Support;
using Klachten.Testing.Mail;

namespace Klachten.Notifications.Tests.Rendering;

// One theory over every template file the organisation can edit.
public sealed class TemplateTests
{
    public static TheoryData<string> Templates() => new(Renderers.TemplateNames());

    [Fact]
    public void Templates_Shipped_CoverEveryLetterKindOfTheProcedure()
    {
        string[] kinds = ["NietOntvankelijk", "UitlegSchriftelijkIndienen", "Ontvangstbevestiging", "BevestigingIntrekking", "VoorgelegdAanCommissie", "VerlengingAdviestermijn", "Besluit"];

        Assert.Empty(kinds.Except(Renderers.TemplateNames()));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Render_EmptyFields_ProducesTextWithoutLiquid(string template)
    {
        var text = await RenderAsync(template, new Dictionary<string, string>());

        Assert.Contains("K-2026-0007", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Render_FullFields_ProducesTextWithoutLiquid(string template)
    {
        var text = await RenderAsync(template, Letters.FullFields());

        Assert.Contains("K-2026-0007", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", text, StringComparison.Ordinal);
    }

    // Letters as the PDF's text; the e-mail texts as subject and body.
    private static async Task<string> RenderAsync(string template, Dictionary<string, string> fields)
    {
        var letter = Letters.Of(template.StartsWith('_') ? "Ontvangstbevestiging" : template, fields);
        switch (template)
        {
            case "_email":
                var email = await Renderers.Mail().LetterAsync(letter, letter.Recipients[0], "Ontvangstbevestiging van uw klacht", [1, 2, 3]);
                return email.Subject + "\n" + email.TextBody;
            case "_herinnering":
                var reminder = new SendReminder("r-1", letter.ComplaintId, letter.CaseReference, "task-1", "Bevestig de ontvangst", letter.Recipients, NotificationHost.Now);
                var message = await Renderers.Mail().ReminderAsync(reminder, letter.Recipients[0]);
                return message.Subject + "\n" + message.TextBody;
            default:
                Assert.True(LetterTemplates.IsLetterKind(template), $"{template}.liquid is neither a letter kind nor an e-mail text.");
                return Pdfs.Text((await Renderers.Letter().RenderAsync(letter)).Pdf);
        }
    }
}
