using System.Net;
using Klachten.ArchiveWorker;
using Klachten.NotificationWorker;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Klachten.Workers.Tests;

public sealed class WorkerHostTests
{
    [Fact]
    public async Task NotificationWorker_Started_AnswersLiveness()
    {
        await using var factory = new WebApplicationFactory<NotificationWorkerHost>();

        var response = await factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ArchiveWorker_Started_AnswersReadiness()
    {
        await using var factory = new WebApplicationFactory<ArchiveWorkerHost>();

        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
