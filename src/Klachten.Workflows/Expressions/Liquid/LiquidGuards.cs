using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Klachten.Workflows.Expressions.Liquid;

/// <summary>
/// Closes the holes Fluid 2.x leaves around <c>MaxSteps</c>: it builds a range such as <c>(1..2000000000)</c> as a
/// whole array before counting a single step, and filters and outputs can allocate without bound. A parsed template
/// is rewritten once, before it is cached: ranges get a size limit and every output, text, capture and cycle checks
/// the <see cref="LiquidBudget"/> first; every filter checks it before and after it runs.
/// </summary>
internal sealed class LiquidGuards(int maxRangeLength) : AstRewriter
{
    public static void GuardFilters(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList())
            filters.AddFilter(name, Guard(filter));
    }

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        new BoundedRangeExpression(Visit(rangeExpression.From), Visit(rangeExpression.To), maxRangeLength);

    protected override Statement VisitOutputStatement(OutputStatement outputStatement) => Guard(base.VisitOutputStatement(outputStatement));

    protected override Statement VisitTextSpanStatement(TextSpanStatement textSpanStatement) => Guard(base.VisitTextSpanStatement(textSpanStatement));

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) => Guard(base.VisitCaptureStatement(captureStatement));

    protected override Statement VisitCycleStatement(CycleStatement cycleStatement) => Guard(base.VisitCycleStatement(cycleStatement));

    private static GuardedStatement Guard(Statement statement) => new(statement);

    private static FilterDelegate Guard(FilterDelegate filter) => async (input, arguments, context) =>
    {
        LiquidBudget.Check(context);
        var result = await filter(input, arguments, context);
        LiquidBudget.Check(context);
        return result;
    };

    private sealed class GuardedStatement(Statement inner) : Statement
    {
        public override ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            LiquidBudget.Check(context);
            return inner.WriteToAsync(writer, encoder, context);
        }
    }

    private sealed class BoundedRangeExpression(Expression from, Expression to, int maxLength) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var start = Convert.ToInt32((await from.EvaluateAsync(context)).ToNumberValue());
            var end = Convert.ToInt32((await to.EvaluateAsync(context)).ToNumberValue());
            var length = end < start ? 0L : (long)end - start + 1;
            if (length > maxLength)
            {
                throw new ExpressionException(string.Create(CultureInfo.InvariantCulture,
                    $"The Liquid range ({start}..{end}) has more than {maxLength:N0} items."));
            }

            var values = new FluidValue[length];
            for (var i = 0; i < values.Length; i++)
                values[i] = NumberValue.Create(start + i);
            return new ArrayValue(values);
        }
    }
}
