using Klachten.Server.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Tests.Messaging;

/// <summary>MassTransit reports nothing to its vendor: the bus every host builds (AddKlachtenBus) turns usage telemetry off.</summary>
public sealed class UsageTelemetryTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public void Bus_OfTheServer_HasUsageTelemetryDisabled()
    {
        var options = fixture.Factory.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value;

        Assert.False(options.Enabled);
    }
}
