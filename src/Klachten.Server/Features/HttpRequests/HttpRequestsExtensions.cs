using Klachten.Server.Common;
using Klachten.Server.Runtime;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.HttpRequests;

/// <summary>Outgoing HTTP requests of workflows: options, the allowed-host check the engine runs, the sender and its worker.</summary>
internal static class HttpRequestsExtensions
{
    public static IHostApplicationBuilder AddHttpRequests(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<WorkflowHttpRequestOptions>(WorkflowHttpRequestOptions.SectionName);
        builder.Services.AddSingleton(sp => new HttpHostPolicy(sp.GetRequiredService<IOptions<WorkflowHttpRequestOptions>>().Value.AllowedHosts));
        // The sender's own timeout applies; no redirects, so a reply cannot lead a request to a host not allowed.
        builder.Services.AddHttpClient(HttpRequestSender.ClientName, c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            // The factory's own log lines carry the full URL; the sender logs host and status only.
            .RemoveAllLoggers();
        builder.Services.AddScoped<HttpRequestSender>();
        builder.Services.AddSingleton<HttpRequestSignal>();
        builder.Services.AddSingleton<HttpRequestWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HttpRequestWorker>());
        return builder;
    }
}
