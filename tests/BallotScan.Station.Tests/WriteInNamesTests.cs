using System.Net;
using System.Text;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 35: where every vote is a written name, the 另选 page completes the names typed from a list the office imports
/// (自荐人、登记参选人 or the villagers: names only, from Excel or a GB18030 CSV), logged; a file with no names is said in words.
/// </summary>
public sealed class WriteInNamesTests
{
    private static MultipartFormDataContent File(string name, byte[] bytes)
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(bytes), "names", name);
        return content;
    }

    [Fact]
    public async Task A_names_list_is_imported_offered_as_the_names_are_typed_and_logged()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(batch.Files))
        {
        }

        await server.ReadAllAsync();
        using var s1 = await server.SignInAsync("s1");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = Encoding.GetEncoding("GB18030").GetBytes("登记参选人名单\r\n序号,姓名,性别\r\n1,陈立新,男\r\n2,周桂英,女\r\n3,陈立新,男\r\n4,欧阳 晓明,男\r\n");
        using (var imported = await s1.PostAsync("/write-ins/names", File("登记参选人.csv", csv)))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }

        Assert.Equal(["陈立新", "周桂英", "欧阳晓明"], server.Station.Review.ImportedNames());
        var page = await s1.Http.GetStringAsync("/write-ins");
        Assert.Contains("<option value=\"周桂英\"", page, StringComparison.Ordinal);
        Assert.Contains("已导入 3 个姓名", page, StringComparison.Ordinal);
        var row = Assert.Single(server.Station.Audit.AuditLog(50, null), e => e.Event == AuditEvent.NamesImported);
        Assert.Equal(new NamesListTaken("登记参选人.csv", 3), AuditFacts.Read(row.Event, row.Detail));

        // Refused in words: no names, not a list; an observer may not import.
        using (var empty = await s1.PostAsync("/write-ins/names", File("空.csv", Encoding.UTF8.GetBytes("序号,姓名\n1,\n2,\n"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("中没有姓名", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var other = await s1.PostAsync("/write-ins/names", File("名单.docx", [1, 2, 3])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        }

        using var observer = await server.SignInAsync("obs");
        using (var refused = await observer.PostAsync("/write-ins/names", File("另一份.csv", Encoding.UTF8.GetBytes("姓名\n张三\n"))))
        {
            Assert.NotEqual("/write-ins", refused.Headers.Location?.OriginalString);
        }

        Assert.Equal(3, server.Station.Review.ImportedNames().Count);
        Assert.Single(server.Station.Audit.AuditLog(50, null), e => e.Event == AuditEvent.NamesImported);

        // A stored list damaged in the database offers nothing, and the page still works.
        using (var connection = server.Station.Store.Database.Open())
        {
            StationDatabase.Execute(connection, null, "UPDATE meta SET value = '[\"陈立新\", 4' WHERE key = 'write-in-names'");
        }

        Assert.Empty(server.Station.Review.ImportedNames());
        Assert.Contains("导入后，输入姓名时可从名单中选用", await s1.Http.GetStringAsync("/write-ins"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_nobody_can_identify_is_recorded_as_such_and_counts_for_nobody()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(batch.Files))
        {
        }

        await server.ReadAllAsync();
        var (sheet, box) = server.Station.Results.Count().Sheets
            .SelectMany(s => s.Positions.Where(p => p.Reasons.Contains(Engine.Recognition.ReviewReason.WriteIn) && p.Symbol == Engine.Recognition.MarkSymbol.Circle).Select(p => (s.SheetId, p.BoxId))).First();
        using var s1 = await server.SignInAsync("s1");
        using (var recorded = await s1.PostAsync("/write-ins/decide", new FormUrlEncodedContent(new Dictionary<string, string> { ["sheet"] = sheet, ["box"] = box, ["unreadable"] = "1" })))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        var decision = Assert.Single(server.Station.Results.Decisions(), d => d.Decision.Sheet == sheet && d.Decision.BoxId == box).Decision;
        Assert.Equal(string.Empty, decision.WriteInName);
        Assert.Contains("无法辨认", decision.Reason, StringComparison.Ordinal);
        var mark = server.Station.Results.Count().Result.Records.Single(r => r.Sheet == sheet).Contests.SelectMany(c => c.WriteIns).Single(w => w.BoxId == box);
        Assert.Equal((null, Engine.Counting.Vote.Void), (mark.Name, mark.Vote)); // a ○ under a name nobody can tell: void, for nobody
        Assert.Contains("无法辨认（不计入任何人）", await s1.Http.GetStringAsync("/write-ins"), StringComparison.Ordinal);
    }
}
