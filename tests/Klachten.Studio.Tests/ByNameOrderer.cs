using Xunit.Abstractions;
using Xunit.Sdk;

namespace Klachten.Studio.Tests;

/// <summary>
/// The Studio tests share one server and build on each other's state (the publish test makes version 2), so they run
/// in the order of their names (S1_, S2_, …).
/// </summary>
public sealed class ByNameOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
