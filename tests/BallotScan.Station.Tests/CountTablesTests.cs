using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Station.Tests;

/// <summary>The count's tables as the township office opens them in Excel or WPS (cast-vote-records.csv, review-list.csv).</summary>
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
}
