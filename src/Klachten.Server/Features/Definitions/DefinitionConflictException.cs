namespace Klachten.Server.Features.Definitions;

/// <summary>A version change that the definition's current state does not allow; answered with 409 and the Dutch message.</summary>
internal sealed class DefinitionConflictException(string message) : Exception(message);
