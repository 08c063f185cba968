using System.Diagnostics.CodeAnalysis;

namespace Klachten.Workflows.Expressions;

/// <summary>The expression types (<c>expression.type</c> in Elsa's JSON) that <see cref="ExpressionEvaluator"/> understands.</summary>
public static class ExpressionSyntax
{
    /// <summary>The value itself, as a string; the caller converts it to the input's declared type.</summary>
    public const string Literal = "Literal";

    /// <summary>The value is JSON text.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The name Elsa gives this expression type.")]
    public const string Object = "Object";

    /// <summary>Elsa's obsolete name for <see cref="Object"/>.</summary>
    public const string Json = "Json";

    /// <summary>The value names a workflow variable (or is Elsa's serialised variable reference).</summary>
    public const string Variable = "Variable";

    /// <summary>The value names a workflow input (or is Elsa's serialised input definition).</summary>
    public const string Input = "Input";

    /// <summary>A JavaScript expression, run by Jint.</summary>
    public const string JavaScript = "JavaScript";

    /// <summary>A Liquid template, rendered by Fluid.</summary>
    public const string Liquid = "Liquid";

    /// <summary>
    /// Null when a JavaScript expression parses as the evaluator parses it (strict, top-level <c>return</c> allowed as
    /// in Elsa), else the parser's message: publish-time validation and run time agree.
    /// </summary>
    public static string? JavaScriptSyntaxError(string script) => Expressions.JavaScript.JavaScriptEvaluator.SyntaxError(script);
}
