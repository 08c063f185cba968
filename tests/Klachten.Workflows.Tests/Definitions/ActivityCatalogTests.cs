using System.Reflection;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Runtime;

namespace Klachten.Workflows.Tests.Definitions;

public sealed class ActivityCatalogTests
{
    [Fact]
    public void Default_HoldsEveryNamedTypeOnce_EachWithItsBehavior()
    {
        var named = typeof(ActivityTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(44, named.Count);
        Assert.Equal(named.Order(StringComparer.Ordinal), ActivityCatalog.Default.Types.Select(t => t.TypeName).Order(StringComparer.Ordinal));
        Assert.All(named, type => Assert.True(ActivityCatalog.Default.TryGetBehavior(type, out var behavior) && behavior.Descriptor.TypeName == type));
    }

    [Fact]
    public void Ports_TerminalAndDynamicFollowFromTheDescriptor()
    {
        Assert.True(Info(ActivityTypes.Finish).IsTerminal);
        Assert.True(Info(ActivityTypes.Fault).IsTerminal);
        Assert.False(Info(ActivityTypes.FlowFork).IsTerminal);
        Assert.Equal("Outcomes", Info(ActivityTypes.HumanTask).PortsFromInput);
        Assert.Equal(["Done"], Info(ActivityTypes.HumanTask).PortsWhenEmpty);
        Assert.True(Info(ActivityTypes.Flowchart).IsContainer);
    }

    [Fact]
    public void Scan_TwoClassesWithOneTypeName_IsRefused()
    {
        var twice = Assert.Throws<InvalidOperationException>(() => ActivityCatalog.Scan(typeof(ActivityCatalog).Assembly, typeof(ActivityCatalogTests).Assembly));
        Assert.Contains(ActivityTypes.WriteLine, twice.Message, StringComparison.Ordinal);
    }

    private static ActivityTypeInfo Info(string type) => ActivityCatalog.Default.TryGet(type, out var info) ? info : throw new KeyNotFoundException(type);

    // A second class claiming a built-in type name: the scan must not let one silently replace the other.
    private sealed class SecondWriteLine : IActivityBehavior
    {
        public ActivityTypeInfo Descriptor { get; } = new(ActivityTypes.WriteLine, "Primitives", "Nog een", "Dubbel.");

        public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
    }
}
