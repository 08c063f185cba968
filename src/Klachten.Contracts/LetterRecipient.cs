namespace Klachten.Contracts;

/// <summary>One addressee of a letter, resolved from a role (klager, leidinggevende, …) to a person when requested.</summary>
/// <param name="Role">The role in the procedure: <c>klager</c>, <c>vertegenwoordiger</c>, <c>leidinggevende</c>, <c>klachtencommissie</c>.</param>
/// <param name="Name">Name to put on the letter.</param>
/// <param name="Email">E-mail address; without one the letter is printed and posted.</param>
/// <param name="PostalAddress">Postal address for printed letters.</param>
/// <param name="IsCopy">Whether this addressee receives a copy (afschrift).</param>
public sealed record LetterRecipient(string Role, string Name, string? Email, string? PostalAddress, bool IsCopy);
