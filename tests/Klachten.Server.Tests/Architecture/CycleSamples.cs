// Two namespaces that use each other: the sample the cycle detection must find.
namespace Klachten.Server.Tests.Architecture.CycleA
{
    internal static class First
    {
        public static int Call() => CycleB.Second.Value + 1;
    }
}

namespace Klachten.Server.Tests.Architecture.CycleB
{
    internal static class Second
    {
        public static readonly int Value = 1;

        public static int Back() => CycleA.First.Call();
    }
}
