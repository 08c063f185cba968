using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>
/// Makes the <c>variables</c> global a live view of the workflow variables: reading <c>variables.Naam</c> reads the
/// variable, assigning <c>variables.Naam = 'x'</c> (or through <c>Object.assign</c>) writes it, and
/// <c>Object.keys(variables)</c> lists them. Anything that is not a variable falls through to the empty target, so
/// <c>variables.hasOwnProperty</c> and friends still work.
/// </summary>
internal sealed class VariablesProxyHandler(VariableBridge bridge) : ProxyHandler
{
    public override JsValue? Get(ObjectInstance target, JsValue property, JsValue receiver) =>
        TryName(property, out var name) ? bridge.Read(name) : base.Get(target, property, receiver);

    public override bool? Set(ObjectInstance target, JsValue property, JsValue value, JsValue receiver)
    {
        if (!property.IsString())
            return base.Set(target, property, value, receiver);

        bridge.Write(property.AsString(), value);
        return true;
    }

    public override bool? Has(ObjectInstance target, JsValue property) =>
        TryName(property, out _) ? true : base.Has(target, property);

    // Workflow variables are declared by the definition; a script may change them but not remove them.
    public override bool? DeleteProperty(ObjectInstance target, JsValue property) =>
        TryName(property, out _) ? false : base.DeleteProperty(target, property);

    public override PropertyDescriptor? GetOwnPropertyDescriptor(ObjectInstance target, JsValue property) =>
        TryName(property, out var name)
            ? new PropertyDescriptor(bridge.Read(name), PropertyFlag.ConfigurableEnumerableWritable)
            : base.GetOwnPropertyDescriptor(target, property);

    public override bool? DefineProperty(ObjectInstance target, JsValue property, PropertyDescriptor descriptor)
    {
        if (!property.IsString() || !descriptor.IsDataDescriptor())
            return false;

        bridge.Write(property.AsString(), descriptor.Value ?? JsValue.Undefined);
        return true;
    }

    public override IReadOnlyList<JsValue>? OwnKeys(ObjectInstance target) => [.. bridge.Names.Select(name => (JsValue)name)];

    private bool TryName(JsValue property, out string name)
    {
        name = property.IsString() ? property.AsString() : "";
        return name.Length > 0 && bridge.Exists(name);
    }
}
