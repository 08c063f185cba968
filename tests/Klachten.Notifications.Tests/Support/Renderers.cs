using Klachten.Notifications.Mail;
using Klachten.Notifications.Rendering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klachten.Notifications.Tests.Support;

// The renderer and composer without a host, reading the templates and documents shipped next to the test binaries.
internal static class Renderers
{
    public static string TemplatesDirectory => Path.Combine(AppContext.BaseDirectory, "Templates");

    public static string DocumentsDirectory => Path.Combine(AppContext.BaseDirectory, "Documents");

    public static NotificationOptions Options(string? templates = null) => new()
    {
        TemplatesDirectory = templates ?? TemplatesDirectory,
        DocumentsDirectory = DocumentsDirectory,
        PickupDirectory = Path.GetTempPath(),
    };

    public static LetterRenderer Letter(string? templates = null)
    {
        var options = new Monitor(Options(templates));
        return new LetterRenderer(new LetterTemplates(options), options);
    }

    public static MailComposer Mail()
    {
        var options = new Monitor(Options());
        return new MailComposer(new LetterTemplates(options), options, new FakeTimeProvider(NotificationHost.Now));
    }

    public static IEnumerable<string> TemplateNames() =>
        Directory.GetFiles(TemplatesDirectory, "*" + LetterTemplates.Extension).Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    private sealed class Monitor(NotificationOptions value) : IOptionsMonitor<NotificationOptions>
    {
        public NotificationOptions CurrentValue => value;

        public NotificationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<NotificationOptions, string?> listener) => null;
    }
}
