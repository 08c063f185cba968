using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Tests.Expressions;

public sealed class BoundedCacheTests
{
    [Fact]
    public void GetOrAdd_SameKeyTwice_CallsFactoryOnce()
    {
        var cache = new BoundedCache<string>(4);
        var calls = 0;

        cache.GetOrAdd("a", key => $"{key}{++calls}");
        var second = cache.GetOrAdd("a", key => $"{key}{++calls}");

        Assert.Equal("a1", second);
    }

    [Fact]
    public void GetOrAdd_BeyondCapacity_EvictsLeastRecentlyUsed()
    {
        var cache = new BoundedCache<string>(2);
        cache.GetOrAdd("a", key => key);
        cache.GetOrAdd("b", key => key);
        cache.GetOrAdd("a", key => key);

        cache.GetOrAdd("c", key => key);

        Assert.Equal((2, true, false), (cache.Count, cache.Contains("a"), cache.Contains("b")));
    }
}
