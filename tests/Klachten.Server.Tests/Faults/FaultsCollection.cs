namespace Klachten.Server.Tests.Faults;

/// <summary>
/// The outage and race tests (a dedicated PostgreSQL restarted, a dedicated broker stopped for a minute, two server
/// processes racing): one after another, so their server processes do not compete with each other for the CPU, but
/// beside the other test classes (each of them owns the servers it takes away, so it disturbs no one else).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection
{
    public const string Name = "Fault tests: outages and races";
}
