using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;
using Microsoft.Extensions.FileProviders;

namespace Klachten.Workflows.Expressions.Liquid;

/// <summary>
/// Renders Liquid templates with Fluid, as Elsa 3 does (Elsa.Expressions.Liquid, <c>ConfigureLiquidEngine</c>): a
/// template sees <c>Variables</c>, <c>Input</c>, <c>WorkflowInstanceId</c> and <c>CorrelationId</c> (top-level names
/// are matched without regard to case, so <c>variables.Naam</c> works too). Output is not HTML-encoded. Templates
/// cannot read files (<c>include</c> and <c>render</c> fail); rendering stops after a fixed number of steps, and
/// <see cref="LiquidGuards"/> adds the range, time and memory limits Fluid 2.x lacks.
/// </summary>
internal sealed class LiquidEvaluator
{
    private static readonly FluidParser Parser = new();

    private readonly ExpressionOptions _options;
    private readonly TemplateOptions _templateOptions;
    private readonly TimeZoneInfo _timeZone;
    private readonly LiquidGuards _guards;

    public LiquidEvaluator(ExpressionOptions options)
    {
        _options = options;
        _timeZone = options.ResolveTimeZone();
        Templates = new BoundedCache<IFluidTemplate>(options.CacheSize);
        _templateOptions = new TemplateOptions
        {
            MaxSteps = options.LiquidMaxSteps,
            MaxRecursion = options.LiquidMaxRecursion,
            FileProvider = new NullFileProvider(),
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = _timeZone,
        };
        LiquidFilters.Register(_templateOptions.Filters);
        LiquidGuards.GuardFilters(_templateOptions.Filters);
        _guards = new LiquidGuards(options.LiquidMaxSteps);
    }

    internal BoundedCache<IFluidTemplate> Templates { get; }

    public JsonNode? Evaluate(string? template, ExpressionScope scope)
    {
        // Elsa renders an empty template as "no value".
        if (string.IsNullOrWhiteSpace(template))
            return null;

        var parsed = Templates.GetOrAdd(template, Parse);
        // Fluid prints 'now' in the offset it is given, so shift the engine's instant into the configured zone first.
        var now = TimeZoneInfo.ConvertTime(scope.Now, _timeZone);
        var context = new TemplateContext(_templateOptions) { Now = () => now };
        context.SetValue("Variables", LiquidValues.FromDictionary(scope.Variables));
        context.SetValue("Input", LiquidValues.FromDictionary(scope.Input));
        context.SetValue("WorkflowInstanceId", LiquidValues.FromText(scope.WorkflowInstanceId));
        context.SetValue("CorrelationId", LiquidValues.FromText(scope.CorrelationId));
        LiquidBudget.Start(context, _options);

        try
        {
            return JsonValue.Create(parsed.Render(context, NullEncoder.Default));
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (InvalidOperationException exception) when (exception.Message.StartsWith("The maximum", StringComparison.Ordinal))
        {
            throw new ExpressionException(string.Create(CultureInfo.InvariantCulture,
                $"The Liquid template exceeded its limit of {_options.LiquidMaxSteps:N0} steps or {_options.LiquidMaxRecursion} nested levels."), exception);
        }
        catch (FileNotFoundException exception)
        {
            throw new ExpressionException($"The Liquid template cannot include '{exception.Message}': templates cannot read files.", exception);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new ExpressionException($"The Liquid template failed: {exception.Message}", exception);
        }
    }

    private IFluidTemplate Parse(string template) =>
        Parser.TryParse(template, out var parsed, out var error)
            ? _guards.VisitTemplate(parsed)
            : throw new ExpressionException($"Liquid syntax error: {error}");
}
