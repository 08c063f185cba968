using System.Diagnostics;
using System.Globalization;
using Fluid;

namespace Klachten.Workflows.Expressions.Liquid;

/// <summary>
/// The time and memory budget of one render, shared with JavaScript (<see cref="ExpressionOptions.ScriptTimeout"/>,
/// <see cref="ExpressionOptions.MaxMemoryBytes"/>). Fluid 2.x only counts loop steps, and a template can grow a
/// string exponentially without a loop (<c>{% assign s = s | append: s %}</c> repeated), so the guards that
/// <see cref="LiquidGuards"/> puts around outputs and filters check this budget as the template renders. Memory is
/// counted as bytes allocated on the rendering thread, as Jint does.
/// </summary>
internal sealed class LiquidBudget
{
    private const string Key = "Klachten.Workflows.LiquidBudget";

    private readonly ExpressionOptions _options;
    private readonly long _startBytes = GC.GetAllocatedBytesForCurrentThread();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    private LiquidBudget(ExpressionOptions options) => _options = options;

    public static void Start(TemplateContext context, ExpressionOptions options) => context.AmbientValues[Key] = new LiquidBudget(options);

    public static void Check(TemplateContext context)
    {
        if (context.AmbientValues.TryGetValue(Key, out var budget))
            ((LiquidBudget)budget).Check();
    }

    private void Check()
    {
        if (GC.GetAllocatedBytesForCurrentThread() - _startBytes > _options.MaxMemoryBytes)
        {
            throw new ExpressionException(string.Create(CultureInfo.InvariantCulture,
                $"The Liquid template exceeded its memory limit of {_options.MaxMemoryBytes:N0} bytes."));
        }

        if (Stopwatch.GetElapsedTime(_startTimestamp) > _options.ScriptTimeout)
        {
            throw new ExpressionException(string.Create(CultureInfo.InvariantCulture,
                $"The Liquid template exceeded its time limit of {_options.ScriptTimeout.TotalMilliseconds:0} ms."));
        }
    }
}
