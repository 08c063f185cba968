namespace Klachten.Workflows.Definitions;

/// <summary>The definition JSON cannot be read. The message is Dutch and safe to show to a process owner.</summary>
public sealed class DefinitionFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DefinitionFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DefinitionFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DefinitionFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
