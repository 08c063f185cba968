namespace Klachten.Notifications;

/// <summary><c>Klachten:Notifications</c>: where the templates are, how e-mail leaves, what the letterhead says.</summary>
public sealed class NotificationOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Klachten:Notifications";

    /// <summary>Folder with one Liquid template per letter kind (<c>Ontvangstbevestiging.liquid</c>, …) and the e-mail texts
    /// (<c>_email.liquid</c>, <c>_herinnering.liquid</c>). Relative paths count from the content root; default: the
    /// <c>Templates</c> folder next to the binaries.</summary>
    public string? TemplatesDirectory { get; set; }

    /// <summary>Folder with the attachable documents as Markdown (<c>werkwijze-klachtencommissie.md</c>). Default: the
    /// <c>Documents</c> folder next to the binaries.</summary>
    public string? DocumentsDirectory { get; set; }

    /// <summary>When set, e-mails are written to this folder as <c>.eml</c> files instead of going over SMTP (the
    /// embedded default). Relative paths count from the content root.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The SMTP server.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The texts at the top and bottom of every letter.</summary>
    public LetterheadOptions Letterhead { get; set; } = new();
}

/// <summary><c>Klachten:Notifications:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>Host name; required unless a pickup directory is set.</summary>
    public string? Host { get; set; }

    /// <summary>Port (25, 587, or Mailpit's 1025).</summary>
    public int Port { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS (and fail if the server cannot); otherwise plain SMTP.</summary>
    public bool UseStartTls { get; set; }

    /// <summary>User for SMTP authentication; none when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for SMTP authentication.</summary>
    public string? Password { get; set; }

    /// <summary>Sender of every e-mail; its domain also names the Message-IDs.</summary>
    public string From { get; set; } = "Stichting Integratiewerk <klachten@integratiewerk.nl>";

    /// <summary>How long one SMTP operation may take before it counts as a (transient) failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary><c>Klachten:Notifications:Letterhead</c>: the organisation's own lines on each letter.</summary>
public sealed class LetterheadOptions
{
    /// <summary>Name at the top of the letter.</summary>
    public string OrganisationName { get; set; } = "Stichting Integratiewerk";

    /// <summary>Postal address line under the name, e.g. <c>Postbus 123, 1000 AA Amsterdam</c>; left out when empty.</summary>
    public string? AddressLine { get; set; }

    /// <summary>Contact line under the address (e-mail, telephone, website); left out when empty.</summary>
    public string? ContactLine { get; set; } = "klachten@integratiewerk.nl";

    /// <summary>Small print at the bottom of every page, before the reference and page number; left out when empty.</summary>
    public string? FooterLine { get; set; } = "Vertrouwelijk";
}
