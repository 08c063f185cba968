using System.Text;
using Fluid;
using Fluid.Values;

namespace Klachten.Workflows.Expressions.Liquid;

/// <summary>
/// The two filters Elsa 3 adds to Fluid's standard set (Elsa.Expressions.Liquid, <c>LiquidFeature</c>):
/// <c>base64</c> and <c>keys</c>.
/// </summary>
internal static class LiquidFilters
{
    public static void Register(FilterCollection filters)
    {
        filters.AddFilter("base64", Base64);
        filters.AddFilter("keys", Keys);
    }

    private static ValueTask<FluidValue> Base64(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
            return NilValue.Instance;

        var text = input.Type is FluidValues.Array or FluidValues.Dictionary or FluidValues.Object
            ? System.Text.Json.JsonSerializer.Serialize(input.ToObjectValue())
            : input.ToStringValue();
        return StringValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    private static ValueTask<FluidValue> Keys(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.ToObjectValue() is not IFluidIndexable dictionary)
            return new ArrayValue([]);

        return new ArrayValue([.. dictionary.Keys.Select(key => (FluidValue)StringValue.Create(key))]);
    }
}
