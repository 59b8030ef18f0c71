using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Host.Counting;

namespace BallotScan.Station.Tests;

/// <summary>Issue 18, defect 9: a count's folder holds one count, whole; a crash or a re-run never leaves files of two counts side by side.</summary>
public sealed class CountFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-count-folder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Counted Count(IReadOnlyList<TallyLine>? hand)
    {
        var json = File.ReadAllText(StationServer.VillagersExample);
        var definition = ElectionJson.Parse(json);
        return Counted.Compute(definition, json, LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian), [], [], hand);
    }

    [Fact]
    public void A_re_run_without_the_hand_tally_leaves_no_reconciliation_of_the_earlier_run()
    {
        var output = Path.Combine(_folder, "result");
        Count([new TallyLine(LineKind.Issued, null, null, 0)]).Write(output);
        Assert.True(File.Exists(Path.Combine(output, "reconciliation.csv")));

        Count(null).Write(output);
        Assert.False(File.Exists(Path.Combine(output, "reconciliation.csv")), "a reconciliation of the earlier run stayed beside the new result");
        Assert.True(File.Exists(Path.Combine(output, "hand-tally-template.csv")));
    }

    [Fact]
    public void A_count_that_fails_half_way_leaves_the_earlier_count_whole_and_the_new_one_marked_incomplete()
    {
        var output = Path.Combine(_folder, "result");
        Count(null).Write(output);
        var before = Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        // The second count dies while writing its files (here: a name that cannot be written, after the others were).
        var files = new Dictionary<string, byte[]>(Count([new TallyLine(LineKind.Issued, null, null, 0)]).Files(), StringComparer.Ordinal) { ["zz/unwritable"] = [1] };
        Assert.ThrowsAny<IOException>(() => CountFolder.Replace(output, files));

        var after = Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, f => Assert.Equal(f.Value, after[f.Key]));
        Assert.True(Directory.Exists(output + ".incomplete"));

        // The next run clears what the failed one left.
        Count(null).Write(output);
        Assert.False(Directory.Exists(output + ".incomplete"));
    }

    [Fact]
    public void A_folder_holding_other_files_is_not_replaced()
    {
        var output = Path.Combine(_folder, "mine");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "my notes.docx"), "keep me");
        var refused = Assert.Throws<IOException>(() => Count(null).Write(output));
        Assert.Contains("my notes.docx", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["my notes.docx"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Scans_in_one_subfolder_per_box_are_counted_in_batches_named_by_their_folders()
    {
        var scans = Path.Combine(_folder, "scans");
        Directory.CreateDirectory(Path.Combine(scans, "中心会场"));
        var batchOf = Scans.BatchOf(scans);
        Assert.Equal("中心会场", batchOf(Path.Combine(scans, "中心会场", "001.jpg")));
        Assert.Equal("流动票箱1/第二次", batchOf(Path.Combine(scans, "流动票箱1", "第二次", "001.jpg")));
        Assert.Equal("scans", batchOf(Path.Combine(scans, "001.jpg")));
    }
}
