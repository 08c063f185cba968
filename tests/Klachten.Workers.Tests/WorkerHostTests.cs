using System.Net;
using Klachten.ArchiveWorker;
using Klachten.NotificationWorker;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Klachten.Workers.Tests;

public sealed class WorkerHostTests : IDisposable
{
    // A fresh data folder per run: a database left in the source tree by an older build would be refused as stale.
    private readonly string _data = Directory.CreateTempSubdirectory("klachten-worker-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task NotificationWorker_Started_AnswersLiveness()
    {
        await using var factory = new WebApplicationFactory<NotificationWorkerHost>().WithWebHostBuilder(b => b.UseSetting("Klachten:DataDirectory", _data));

        var response = await factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ArchiveWorker_Started_AnswersReadiness()
    {
        await using var factory = new WebApplicationFactory<ArchiveWorkerHost>().WithWebHostBuilder(b => b.UseSetting("Klachten:DataDirectory", _data));

        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
