using Microsoft.Extensions.Options;
using MimeKit;

namespace Klachten.Notifications;

/// <summary>Checks the options at start, so a wrong value stops the host with a message naming the key.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    private const string Section = NotificationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        RequireFolder(failures, options.TemplatesDirectory, "TemplatesDirectory");
        RequireFolder(failures, options.DocumentsDirectory, "DocumentsDirectory");
        if (!MailboxAddress.TryParse(options.Smtp.From, out _))
        {
            failures.Add($"{Section}:Smtp:From is not an e-mail address ('{options.Smtp.From}'); expected e.g. 'Stichting Integratiewerk <klachten@integratiewerk.nl>'.");
        }

        if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            if (string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                failures.Add($"{Section}:Smtp:Host is required when {Section}:PickupDirectory is not set.");
            }

            if (options.Smtp.Port is < 1 or > 65535)
            {
                failures.Add($"{Section}:Smtp:Port must be between 1 and 65535 (is {options.Smtp.Port}).");
            }

            if (!string.IsNullOrEmpty(options.Smtp.UserName) && string.IsNullOrEmpty(options.Smtp.Password))
            {
                failures.Add($"{Section}:Smtp:Password is required when {Section}:Smtp:UserName is set.");
            }
        }

        if (options.Smtp.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:Smtp:Timeout must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.Letterhead.OrganisationName))
        {
            failures.Add($"{Section}:Letterhead:OrganisationName is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireFolder(List<string> failures, string? path, string key)
    {
        if (string.IsNullOrWhiteSpace(path) || !Directory.Exists(path))
        {
            failures.Add($"{Section}:{key}: folder '{path}' does not exist.");
        }
    }
}
