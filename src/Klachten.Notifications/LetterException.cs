namespace Klachten.Notifications;

/// <summary>A letter that cannot be made whatever the retries: unknown kind, template error, missing attachment, no
/// recipients. The message says why in Dutch, for the case file, without personal data.</summary>
public sealed class LetterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LetterException()
    {
    }

    /// <summary>Creates the exception with its reason.</summary>
    public LetterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public LetterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
