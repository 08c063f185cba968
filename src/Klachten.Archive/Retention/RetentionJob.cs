using Klachten.Archive.Persistence;
using Klachten.Contracts;
using Klachten.ServiceDefaults.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klachten.Archive.Retention;

/// <summary>What one run deleted.</summary>
internal sealed record RetentionResult(int Documents, IReadOnlyList<string> CaseReferences);

/// <summary>
/// Deletes closed dossiers whose retention date has passed: at start and then every
/// <see cref="ArchiveOptions.RetentionJobInterval"/> on the injected clock. Every replica may run it; deleting is
/// idempotent. Documents of open cases have no retention date and are never touched.
/// </summary>
internal sealed class RetentionJob(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<ArchiveOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        // Kept through the whole last day: deleted from the day after it, Dutch time.
        var today = AmsterdamTime.Today(clock.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var references = await db.Cases.Where(c => c.RetainUntil < today)
            .OrderBy(c => c.CaseReference)
            .Select(c => c.CaseReference)
            .ToListAsync(cancellationToken);
        var documents = await db.Documents.Where(d => d.RetainUntil < today).ExecuteDeleteAsync(cancellationToken);
        await db.Cases.Where(c => c.RetainUntil < today).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (documents > 0 || references.Count > 0)
        {
            // Counts and references only: the documents themselves are personal data.
            logger.LogInformation(
                "Retention: deleted {DocumentCount} documents and {CaseCount} closed cases ({CaseReferences})",
                documents, references.Count, string.Join(", ", references));
        }

        return new RetentionResult(documents, references);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PeriodicRun.RunAsync(RunOnceAsync, options.Value.RetentionJobInterval, clock, logger, "Retention", stoppingToken);
    }
}
