using BallotScan.Engine.Counting;
using BallotScan.Engine.Spreadsheets;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Station.Tests;

/// <summary>The count's tables as the township office opens them in Excel or WPS (cast-vote-records.csv, review-list.csv, result.xlsx).</summary>
public sealed class CountTablesTests
{
    /// <summary>
    /// A ballot void as a whole by an over-vote (the whole-ballot setting) is said by the contest's title in both languages;
    /// the record kept "more approved than seats in member" and the Chinese pages showed it so, English and the contest's id.
    /// </summary>
    [Fact]
    public void A_ballot_void_by_an_over_vote_names_the_contest_by_its_title()
    {
        var batch = SyntheticBatch.Make(seed: 7313, sheets: 1);
        var member = batch.Definition.Contests.First(c => c.Id == "member");
        var line = SheetStanding.OverVote([member.Id]).Format();

        var chinese = Words.StatusReason(new Lang(English: false), batch.Definition, line);
        var english = Words.StatusReason(new Lang(English: true), batch.Definition, line);

        Assert.Contains(member.Title, chinese, StringComparison.Ordinal);
        Assert.Contains("整张选票作废", chinese, StringComparison.Ordinal);
        Assert.Contains(member.Title, english, StringComparison.Ordinal);
        Assert.DoesNotContain("member", chinese + english.Replace("members", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>
    /// A file name as it came in (an upload names its own files) reaches the table as text: a name that begins like a formula
    /// (=, +, -, @) does not run as one when the table is opened in a spreadsheet, and still reads as it was.
    /// </summary>
    [Fact]
    public void A_file_name_that_looks_like_a_formula_stays_text_in_the_table()
    {
        var batch = SyntheticBatch.Make(seed: 7313, sheets: 1);
        var reader = new BallotReader([batch.Layout], MarkClassifier.Shipped);
        const string name = "=HYPERLINK(\"ballot\",\"点此\").jpg";
        var sheets = reader.ReadFile(batch.Sheets[0].Bytes, name);
        var json = File.ReadAllText(StationServer.VillagersExample);
        var count = Counted.Compute(batch.Definition, json, batch.Layout, sheets, [], null);

        var rows = CountTables.Records(count).Split('\n').Skip(1).Where(r => r.Length > 0).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.True(row.StartsWith($"{sheets[0].SheetId},\"'=HYPERLINK(", StringComparison.Ordinal), row));
    }

    /// <summary>
    /// result.xlsx, opened as Excel opens it (read back here through ExcelDataReader): every line of the result with its figure,
    /// those elected with their votes and facts, each line where the hand count differs with both figures, and the batches.
    /// Before it there was no workbook among a count's files.
    /// </summary>
    [Fact]
    public void The_result_workbook_holds_the_result_those_elected_and_the_reconciliation()
    {
        var batch = SyntheticBatch.Make(seed: 7321, sheets: 40);
        var reader = new BallotReader([batch.Layout], MarkClassifier.Shipped);
        var sheets = batch.Files.SelectMany(f => reader.ReadFile(f.Bytes, f.Name)).ToList();
        var json = File.ReadAllText(StationServer.VillagersExample);
        // Forty sheets of a village of sixty registered voters: the turnout is a majority, so the voters' favourites are elected.
        var definition = batch.Definition with { Electorate = new() { Registered = 60 } };
        var machine = Counted.Compute(definition, json, batch.Layout, sheets, [], null).Result.Adjudicated;
        var votes = ResultLines.Of(machine).Where(l => l.Contest is not null && l.Count > 0).ToList();
        var slip = votes[0];
        List<TallyLine> hand = [new(LineKind.Due, null, null, machine.BallotsFound + 3), new(LineKind.Present, null, null, machine.BallotsFound), .. votes.Select(l => l == slip ? l with { Count = l.Count + 2 } : l)];
        var count = Counted.Compute(definition, json, batch.Layout, sheets, [], hand);
        var path = Path.Combine(Path.GetTempPath(), $"result-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, count.Files()["result.xlsx"]);
        try
        {
            var book = SpreadsheetFiles.Read(path)!.ToDictionary(w => w.Name);

            Assert.Equal(["计票结果", "当选人名单", "手工核对", "分批"], book.Keys);
            Assert.Equal(
                ResultLines.Of(count.Result.Adjudicated).Select(l => new[] { ResultLines.Chinese[l.Kind], l.Contest is null ? string.Empty : definition.Contests.Single(c => c.Id == l.Contest).Title, l.Name ?? string.Empty, l.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                book["计票结果"].Rows.Skip(1).Select(r => r.Take(4).ToArray()));
            var elected = ElectedPeople.Of(definition, count.Result.Adjudicated);
            Assert.True(elected.Count > 0, string.Join("; ", count.Result.Adjudicated.Validity.Select(v => $"{v.Rule} {v.Passed}")));
            Assert.Equal(elected.Select(p => (p.Post, p.Name, p.Votes.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                book["当选人名单"].Rows.Skip(1).Select(r => (r[1], r[2], r[book["当选人名单"].Rows[0].ToList().IndexOf("得票")])));
            var difference = Assert.Single(book["手工核对"].Rows.Skip(1));
            Assert.Equal([ResultLines.Chinese[slip.Kind], slip.Name!, (slip.Count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), slip.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "2"], [difference[0], difference[2], difference[3], difference[4], difference[5]]);
            Assert.Equal(sheets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(book["分批"].Rows.Skip(1))[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
