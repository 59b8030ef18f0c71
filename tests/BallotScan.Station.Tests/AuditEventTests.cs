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
    public async Task A_stored_row_of_an_unknown_action_is_shown_as_it_is_and_known_ones_in_words()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using (var connection = server.Station.Store.Database.Open())
        {
            StationDatabase.Execute(connection, null, "INSERT INTO audit_log (at, actor, action, detail) VALUES ('2026-12-01T00:00:00Z', 'old', 'weighed the box', 'row of another version')");
        }

        server.Station.Store.Audit("s1", AuditEvent.BatchOpened, "中心会场");
        var entries = server.Station.Audit.AuditLog(10, null);
        Assert.Null(Assert.Single(entries, e => e.Actor == "old").Event);
        Assert.Equal(AuditEvent.BatchOpened, Assert.Single(entries, e => e.Detail == "中心会场").Event);

        using var observer = await server.SignInAsync("obs");
        var page = await observer.Http.GetStringAsync("/audit");
        Assert.Contains("weighed the box", page, StringComparison.Ordinal);
        Assert.Contains("开始批次", page, StringComparison.Ordinal);
    }
}
