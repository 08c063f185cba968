using System.Globalization;
using System.Text.RegularExpressions;
using Acornima;
using Jint;
using Jint.Native.Object;
using Jint.Runtime;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>Turns what Jint throws into an <see cref="ExpressionException"/> whose message says what went wrong.</summary>
internal static class ScriptErrors
{
    /// <summary>The exception to throw instead, or <c>null</c> for an exception that is not the script's fault.</summary>
    public static ExpressionException? Translate(Exception exception, ExpressionOptions options) => exception switch
    {
        ScriptPreparationException prepare => new($"JavaScript syntax error: {prepare.InnerException?.Message ?? prepare.Message}", exception),
        ParseErrorException parse => new($"JavaScript syntax error: {parse.Message}", exception),
        // A regular expression timeout is a TimeoutException too, so it must come first.
        RegexMatchTimeoutException => new("The script exceeded its time limit in a regular expression.", exception),
        TimeoutException => new(Invariant($"The script exceeded its time limit of {options.ScriptTimeout.TotalMilliseconds:0} ms."), exception),
        StatementsCountOverflowException => new(Invariant(
            $"The script exceeded its time limit: it ran more than {options.MaxStatements:N0} statements."), exception),
        MemoryLimitExceededException => new(Invariant($"The script exceeded its memory limit of {options.MaxMemoryBytes:N0} bytes."), exception),
        RecursionDepthOverflowException => new(Invariant(
            $"The script exceeded its recursion limit of {options.MaxRecursionDepth:N0} nested calls."), exception),
        JavaScriptException script => new($"The script failed: {Describe(script)}", exception),
        ExecutionCanceledException => new("The script was cancelled.", exception),
        JintException other => new($"The script failed: {other.Message}", exception),
        _ => null,
    };

    private static string Describe(JavaScriptException exception)
    {
        var text = exception.Error is ObjectInstance error && error.Get("name") is { } name && name.IsString()
            ? $"{name.AsString()}: {exception.Message}"
            : exception.Message;
        var line = exception.Location.Start.Line;
        return line > 0 ? Invariant($"{text} (line {line})") : text;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
