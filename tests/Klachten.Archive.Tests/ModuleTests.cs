namespace Klachten.Archive.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void Module_Assembly_IsNamedAfterTheModule() =>
        Assert.Equal("Klachten.Archive", typeof(ArchiveModule).Assembly.GetName().Name);
}
