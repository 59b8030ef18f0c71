using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>
/// The log's actions are events of one enum, each stored by the code every version wrote: a log kept by an earlier version
/// reads as the same events, and a row whose action no version wrote is shown as it is, not dropped.
/// </summary>
public sealed class AuditEventTests
{
    [Fact]
    public void Every_event_has_its_own_stored_code_and_reads_back_as_itself()
    {
        var codes = Enum.GetValues<AuditEvent>().Select(AuditEvents.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Enum.GetValues<AuditEvent>(), e => Assert.Equal(e, AuditEvents.Parse(AuditEvents.Code(e))));
        // The codes of the logs kept before the enum, as they were written.
        Assert.Equal(AuditEvent.NotTakenIn, AuditEvents.Parse("not taken in"));
        Assert.Equal(AuditEvent.LoginHeldBack, AuditEvents.Parse("login held back"));
        Assert.Null(AuditEvents.Parse("NotTakenIn"));
        Assert.Null(AuditEvents.Parse("3"));
    }

    [Fact]
    public async Task A_stored_row_of_an_unknown_action_or_of_an_earlier_versions_sentence_is_shown_as_it_is_and_facts_in_words()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using (var connection = server.Station.Store.Database.Open())
        {
            StationDatabase.Execute(connection, null, "INSERT INTO audit_log (at, actor, action, detail) VALUES ('2026-12-01T00:00:00Z', 'old', 'weighed the box', 'row of another version')");
            StationDatabase.Execute(connection, null, "INSERT INTO audit_log (at, actor, action, detail) VALUES ('2026-12-01T00:00:01Z', 's2', 'hand tally', '录入 7 行（旧版本的记录）')");
        }

        server.Station.Store.Audit(AuditFacts.Row("s1", AuditEvent.BatchOpened, new BatchNamed("中心会场")));
        server.Station.Store.Audit(AuditFacts.Row("s1", AuditEvent.HandTally, new HandTallyEntered(12)));
        var entries = server.Station.Audit.AuditLog(10, null);
        Assert.Null(Assert.Single(entries, e => e.Actor == "old").Event);
        var opened = Assert.Single(entries, e => e.Event == AuditEvent.BatchOpened);
        Assert.Equal(new BatchNamed("中心会场"), AuditFacts.Read(opened.Event, opened.Detail));
        var earlier = Assert.Single(entries, e => e.Actor == "s2");
        Assert.Null(AuditFacts.Read(earlier.Event, earlier.Detail)); // a sentence, not facts

        using var observer = await server.SignInAsync("obs");
        var page = await observer.Http.GetStringAsync("/audit");
        Assert.Contains("weighed the box", page, StringComparison.Ordinal);
        Assert.Contains("row of another version", page, StringComparison.Ordinal);
        Assert.Contains("录入 7 行（旧版本的记录）", page, StringComparison.Ordinal);
        Assert.Contains("开始批次", page, StringComparison.Ordinal);
        Assert.Contains("中心会场", page, StringComparison.Ordinal);
        Assert.Contains("录入 12 行", page, StringComparison.Ordinal);
        Assert.DoesNotContain("HandTallyEntered", page, StringComparison.Ordinal);
        Assert.DoesNotContain("{&quot;", page, StringComparison.Ordinal); // no stored JSON shown

        observer.Cookies.Add(server.Address, new System.Net.Cookie("lang", "en"));
        var english = await observer.Http.GetStringAsync("/audit");
        Assert.Contains("12 line(s)", english, StringComparison.Ordinal);
        Assert.DoesNotContain("录入 12 行", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_are_stored_by_name_and_read_back_as_written_an_event_takes_only_its_own_facts()
    {
        var decided = new Decided("s-001", AdjudicationKind.Box, "director/1", MarkSymbol.Cross, null, null);
        var row = AuditFacts.Row("s1", AuditEvent.Decision, new DecisionMade(4, decided, "墨迹像叉", AwaitsConfirmation: true));
        Assert.Contains("\"Symbol\":\"Cross\"", row.Detail, StringComparison.Ordinal); // an enum by its name, never a number
        Assert.Contains("墨迹像叉", row.Detail, StringComparison.Ordinal);
        Assert.Equal(new DecisionMade(4, decided, "墨迹像叉", true), AuditFacts.Read(AuditEvent.Decision, row.Detail));
        // Facts read only as the event's own: a decision's facts under another event, or a number for an enum, are no facts.
        Assert.Null(AuditFacts.Read(AuditEvent.HandTally, row.Detail));
        Assert.Null(AuditFacts.Read(AuditEvent.Decision, row.Detail.Replace("\"Cross\"", "2", StringComparison.Ordinal)));
        Assert.Throws<ArgumentException>(() => AuditFacts.Row("s1", AuditEvent.Confirm, new HandTallyEntered(1)));
        Assert.Throws<ArgumentException>(() => AuditFacts.Row("s1", AuditEvent.Logout, new HandTallyEntered(1)));
        Assert.Equal(string.Empty, AuditFacts.Row("s1", AuditEvent.Logout, null).Detail);

        // Text from outside is cut: a row stays within the log's bound however long the name typed.
        var huge = AuditFacts.Row("op", AuditEvent.Intake, new FileTakenIn("upload", new string('x', 100_000), 1, new string('a', 64)));
        Assert.InRange(huge.Detail.Length, 1, StationStore.MaxAuditDetail);
        Assert.Equal(AuditFacts.MaxText, Assert.IsType<FileTakenIn>(AuditFacts.Read(AuditEvent.Intake, huge.Detail)).File.Length);
    }
}
