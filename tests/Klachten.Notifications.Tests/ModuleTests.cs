namespace Klachten.Notifications.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void Module_Assembly_IsNamedAfterTheModule() =>
        Assert.Equal("Klachten.Notifications", typeof(NotificationsModule).Assembly.GetName().Name);
}
