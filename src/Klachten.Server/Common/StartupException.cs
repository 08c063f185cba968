namespace Klachten.Server.Common;

/// <summary>A configuration or start-up problem an operator must fix; printed as one line, exit code 1.</summary>
internal sealed class StartupException(string message) : Exception(message);
