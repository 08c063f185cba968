using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// Two server processes on one PostgreSQL database, and the same 50 open tasks completed through both at the same
/// moment: per task exactly one 200 and one 409 with the Dutch conflict problem, the workflow advanced once (one next
/// task, one completion in the journal) and the letter requested once. Two nodes racing on the same timers is covered
/// by <see cref="Timers.TwoNodeTimerTests"/>.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class TwoNodeTaskRaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tasks = 50;
    private const string ConflictDetail = "De taak is al afgerond of gewijzigd door iemand anders.";

    private TestDatabase? _database;
    private ServerNode? _nodeA;
    private ServerNode? _nodeB;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(TwoNodeTaskRaceTests));

        // One after the other: the first migrates the empty database, the second finds it done.
        _nodeA = ServerNode.Start(NodeSettings("node-a"));
        var readyA = await _nodeA.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        _nodeB = ServerNode.Start(NodeSettings("node-b"));
        var readyB = await _nodeB.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"Node A ready in {readyA.TotalSeconds:0.0} s, node B in {readyB.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { _nodeA, _nodeB })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task SameTasksCompletedThroughBothNodesAtOnce_EachCompletedOnce_WorkflowAdvancedOnce_LetterOnce()
    {
        var a = new NodeDriver(_nodeA!, TimeSpan.FromSeconds(60));
        var b = new NodeDriver(_nodeB!, TimeSpan.FromSeconds(60));
        var cs = _database!.ConnectionString;
        var today = await a.TodayAsync();

        // Fifty cases, registered half through each node; each waits on its receipt task.
        var cases = new List<Registered>();
        for (var i = 0; i < Tasks; i++)
        {
            cases.Add(await (i % 2 == 0 ? a : b).RegisterAsync(ProcedureDriver.Complaint(today)));
        }

        var listed = await a.TasksByInstanceAsync("directeur");
        var tasks = cases.Select(c => Assert.Single(listed[c.InstanceId], t => (string?)t["title"] == Titles.Receipt)).ToList();

        // Each task completed through A and B at the same moment (both requests released by one gate), ten tasks at a time.
        var race = Stopwatch.StartNew();
        var results = new (HttpStatusCode A, HttpStatusCode B, string BodyA, string BodyB)[Tasks];
        await Parallel.ForEachAsync(Enumerable.Range(0, Tasks), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (i, _) =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<(HttpStatusCode, string)> CompleteAsync(NodeDriver node)
            {
                await gate.Task;
                using var response = await node.CompleteAsync("directeur", tasks[i], "Bevestigd");
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            var viaA = CompleteAsync(a);
            var viaB = CompleteAsync(b);
            gate.SetResult();
            var ((statusA, bodyA), (statusB, bodyB)) = (await viaA, await viaB);
            results[i] = (statusA, statusB, bodyA, bodyB);
        });
        race.Stop();

        var wonByA = results.Count(r => r.A == HttpStatusCode.OK);
        output.WriteLine($"{Tasks} tasks raced through two nodes in {race.Elapsed.TotalSeconds:0.0} s: node A won {wonByA}, node B {results.Count(r => r.B == HttpStatusCode.OK)}; " +
            $"outcomes {string.Join(", ", results.GroupBy(r => $"{(int)r.A}/{(int)r.B}").Select(g => $"{g.Key}: {g.Count()}"))}");
        for (var i = 0; i < Tasks; i++)
        {
            var (statusA, statusB, bodyA, bodyB) = results[i];
            var pair = new[] { statusA, statusB }.Order().ToArray();
            Assert.True(pair is [HttpStatusCode.OK, HttpStatusCode.Conflict], $"Task {i}: A {(int)statusA} {bodyA} / B {(int)statusB} {bodyB}");
            var conflict = JsonNode.Parse(statusA == HttpStatusCode.Conflict ? bodyA : bodyB)!;
            Assert.Equal((409, ConflictDetail), ((int?)conflict["status"], (string?)conflict["detail"]));
        }

        // The workflow advanced once per case: one next task, seen alike through both nodes.
        var nextA = await a.TasksByInstanceAsync("directeur");
        var nextB = await b.TasksByInstanceAsync("directeur");
        foreach (var complaint in cases)
        {
            var next = Assert.Single(nextA[complaint.InstanceId]);
            Assert.Equal(Titles.Contact, (string?)next["title"]);
            Assert.Equal((string?)next["id"], (string?)Assert.Single(nextB[complaint.InstanceId])["id"]);
        }

        // The database agrees: per case one completed receipt task, one open contact task, the journal records the
        // receipt task and the letter step once each, one SendLetter in the outbox and one letter.
        var perCase = await FaultRows.QueryAsync(cs, """
            SELECT i.id,
                (SELECT count(*) FROM human_tasks t WHERE t.instance_id = i.id AND t.activity_id = 'bevestigOntvangst' AND t.status = 'Completed'),
                (SELECT count(*) FROM human_tasks t WHERE t.instance_id = i.id AND t.activity_id = 'contactKlager' AND t.status = 'Open'),
                (SELECT count(*) FROM journal_entries j WHERE j.instance_id = i.id AND j.activity_id = 'bevestigOntvangst' AND j.event_name = 'Completed'),
                (SELECT count(*) FROM journal_entries j WHERE j.instance_id = i.id AND j.activity_id = 'briefOntvangst' AND j.event_name = 'Completed'),
                (SELECT count(*) FROM outbox_messages m WHERE m.instance_id = i.id AND m.message_type = 'SendLetter'),
                (SELECT count(*) FROM letters l JOIN complaints c ON c.id = l.complaint_id WHERE c.workflow_instance_id = i.id)
            FROM workflow_instances i
            """, r => (Instance: r.GetString(0), Completed: r.GetInt64(1), NextOpen: r.GetInt64(2), JournalTask: r.GetInt64(3), JournalLetter: r.GetInt64(4), Outbox: r.GetInt64(5), Letters: r.GetInt64(6)));
        Assert.Equal(Tasks, perCase.Count);
        Assert.All(perCase, c => Assert.True((c.Completed, c.NextOpen, c.JournalTask, c.JournalLetter, c.Outbox, c.Letters) == (1, 1, 1, 1, 1, 1), $"Not exactly once: {c}"));

        // And the letters went out, each once (the embedded notification services of both nodes share the database).
        await Eventually.Until(() => FaultRows.LettersByStatusAsync(cs), s => s.Count == 1 && s.GetValueOrDefault("Sent") == Tasks, TimeSpan.FromSeconds(60));
        // In the embedded mode a row is marked sent just after its consumers committed (the letter shows Sent first).
        var outbox = await Eventually.Until(() => FaultRows.OutboxAsync(cs), rows => rows.All(m => m.SentAt is not null), TimeSpan.FromSeconds(30));
        Assert.Equal(Tasks, outbox.Count(m => m.MessageType == "SendLetter"));
        Assert.All(outbox, m => Assert.Equal(1, m.Attempts));
    }

    private Dictionary<string, string?> NodeSettings(string nodeName)
    {
        var settings = _database!.Settings();
        settings["Klachten:Clock"] = "Manual";
        settings["Klachten:Runtime:NodeName"] = nodeName;
        settings["Klachten:Outbox:NodeName"] = nodeName;
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }
}
