using Klachten.Server.Common;
using Klachten.Server.Messaging;
using Klachten.ServiceDefaults.Persistence;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Klachten.Workflows.Terms;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Runtime;

internal static class RuntimeExtensions
{
    public static IHostApplicationBuilder AddKlachtenRuntime(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<RuntimeOptions>(RuntimeOptions.SectionName);
        var klachten = builder.Configuration.GetSection(KlachtenOptions.SectionName).GetValidated<KlachtenOptions>(KlachtenOptions.SectionName);
        if (klachten.Clock == ClockKind.Manual)
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new StartupException("Invalid configuration Klachten:Clock: Manual is allowed only in the Development environment.");
            }

            builder.Services.AddSingleton(new ManualClock(TimeProvider.System.GetUtcNow()));
            builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ManualClock>());
        }

        // Scripts see Dutch local time: a date a script computes is the Amsterdam calendar date, as terms are.
        builder.Services.AddSingleton<IExpressionEvaluator>(new ExpressionEvaluator(new ExpressionOptions { TimeZoneId = "Europe/Amsterdam" }));
        builder.Services.AddSingleton(sp => new EngineServices { Terms = sp.GetRequiredService<TermCalculator>(), HttpHosts = sp.GetService<HttpHostPolicy>() });
        builder.Services.AddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<IExpressionEvaluator>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<EngineServices>(),
            sp.GetRequiredService<ActivityCatalog>(),
            new WorkflowEngineOptions { DefaultFlowchartMode = sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.FlowchartMode }));
        builder.Services.AddSingleton<DefinitionCache>();
        builder.Services.AddSingleton<TimerSignal>();
        builder.Services.AddScoped<StepWriter>();
        builder.Services.AddScoped<OutboxWriter>();
        builder.Services.AddScoped<WorkflowRuntime>();
        builder.Services.AddSingleton<TimerService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerService>());
        if (DatabaseSettings.ReadProvider(builder.Configuration) == DatabaseProvider.PostgreSql
            && builder.Configuration.GetConnectionString("Klachten") is { Length: > 0 } connectionString)
        {
            builder.Services.AddHostedService(sp => new TimerNotificationListener(connectionString, sp.GetRequiredService<TimerSignal>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TimerNotificationListener>>()));
        }

        builder.Services.AddSingleton<DispatchQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DispatchQueue>());
        return builder;
    }
}
