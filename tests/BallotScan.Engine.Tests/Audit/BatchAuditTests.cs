using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Tests.Counting;
using static BallotScan.Engine.Recognition.MarkSymbol;
using BallotScan.Engine.Problems;

namespace BallotScan.Engine.Tests.Audit;

/// <summary>Issue 21: the paper behind every image found by batch and position; the spot-check against paper.</summary>
public class BatchAuditTests
{
    private readonly CountingFixture _f = new(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
        CountingFixture.Contest("director", 1, 0, "张一", "王二"));

    /// <summary>Two boxes scanned one after the other: 中心会场 (4 files, the last of two pages), then 流动票箱1 (3 files).</summary>
    private List<SheetInterpretation> TwoBoxes()
    {
        var sheets = new List<SheetInterpretation>();
        foreach (var (batch, files) in new[] { ("中心会场", 4), ("流动票箱1", 3) })
        {
            for (var i = 0; i < files; i++)
            {
                var sheet = _f.Ballot(("张一", i % 3 == 0 ? Cross : Circle)) with { Source = $"{batch}/{i:D3}.tif" };
                sheets.Add(sheet);
                if (batch == "中心会场" && i == files - 1)
                {
                    sheets.Add(_f.Ballot(("张一", Circle)) with { Source = sheet.Source, Sha256 = sheet.Sha256, SourcePage = 1 });
                }
            }
        }

        return [.. Batching.Assign(sheets, source => source!.Split('/')[0])];
    }

    [Fact]
    public void Each_file_gets_its_place_in_its_batch_in_scan_order_and_pages_of_one_file_share_it()
    {
        var sheets = TwoBoxes();
        Assert.Equal([1, 2, 3, 4, 4, 1, 2, 3], sheets.Select(s => s.BatchPosition!.Value));
        Assert.Equal(["中心会场", "流动票箱1"], sheets.Select(s => s.Batch).Distinct());
    }

    [Fact]
    public void Batch_figures_say_what_came_back_from_each_box_against_what_it_was_issued()
    {
        var sheets = TwoBoxes();
        var count = _f.Count(sheets);
        var figures = BatchFigures.Of(sheets, count.Records, new Dictionary<string, int> { ["中心会场"] = 6, ["流动票箱1"] = 3 });
        var centre = figures.Single(b => b.Batch == "中心会场");
        Assert.Equal((5, 5, 6, 1), (centre.Sheets, centre.Returned, centre.Issued!.Value, centre.Missing!.Value));
        Assert.Equal(0, figures.Single(b => b.Batch == "流动票箱1").Missing);
    }

    [Fact]
    public void The_ballots_issued_per_box_are_read_from_the_venues_table_and_checked_against_what_came_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"issued-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "发票记录（监票人签名）\n票箱,发出\n中心会场,６张\n流动票箱1,3\n");
        try
        {
            var issued = BallotsIssued.Read(path);
            Assert.Equal(6, issued["中心会场"]);
            var sheets = TwoBoxes();
            var figures = BatchFigures.Of(sheets, _f.Count(sheets).Records, issued);
            Assert.Equal([1, 0], figures.Select(b => b.Missing!.Value));
            File.WriteAllText(path, "批次,发出\n中心会场,六\n");
            var problem = Assert.Throws<Problems.FileProblemException>(() => BallotsIssued.Read(path)).Problem;
            Assert.Equal((FileProblemCode.NotABallotCount, "2", "六"), (problem.Code, problem["row"], problem["text"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_retrieval_list_goes_through_each_batch_once_in_scan_order()
    {
        var sheets = TwoBoxes();
        // Drawn in the sampler's order, which knows nothing of boxes.
        var drawn = new[] { sheets[6].SheetId, sheets[1].SheetId, sheets[4].SheetId, sheets[0].SheetId, sheets[5].SheetId };
        var list = RetrievalList.Of(drawn, sheets);
        Assert.Equal([("中心会场", 1, 1), ("中心会场", 2, 1), ("中心会场", 4, 2), ("流动票箱1", 1, 1), ("流动票箱1", 2, 1)], list.Select(r => (r.Batch, r.Position!.Value, r.Page)));
        Assert.Equal([4, 2, 3, 5, 1], list.Select(r => r.Order));
    }

    [Fact]
    public void A_paper_that_differs_from_its_image_is_an_overstatement_and_the_wrong_image_is_named()
    {
        // Every ballot approves 张一 on its image, who is elected; the paper of one says × (a swapped or faulty image).
        var sheets = Batching.Assign([.. Enumerable.Range(0, 20).Select(_ => _f.Ballot(("张一", Circle)))], _ => "中心会场");
        var count = _f.Count(sheets, new MeetingFigures { Due = 20, Present = 20, Issued = 20, Returned = 20 });
        var drawn = sheets.Take(5).Select(s => s.SheetId).ToList();
        var blank = SpotCheck.BlankForPaper(RetrievalList.Of(drawn, sheets)).Split('\n');
        Assert.Equal(SpotCheck.PaperHeader, blank[0]);
        var filled = string.Join('\n', blank.Select((line, i) => i == 0 || line.Length == 0 ? line
            : i == 1 ? line[..^4] + $",不一致,纸上是 ×,{_f.BoxOf("张一")}=×,否" : line[..^4] + ",一致,,,是"));

        var entries = SpotCheck.Parse(filled);
        Assert.Equal([false, true, true, true, true], entries.Select(e => e.ImageMatchesPaper!.Value));
        var (risks, unmeasured) = SpotCheck.Risks(entries, _f.Definition, _f.Layout, sheets.ToDictionary(s => s.SheetId), [], count.Adjudicated);
        Assert.Empty(unmeasured);
        var risk = Assert.Single(risks);
        Assert.Equal(5, risk.Audited);
        Assert.True(risk.OneOver + risk.TwoOver >= 1, "a paper showing × where the count has ○ for the one elected is no overstatement");
    }

    [Fact]
    public void The_quick_record_against_images_still_reads_back()
    {
        var entries = SpotCheck.Parse(SpotCheck.Blank([("aaa", "1.jpg")]).Replace("1.jpg,,,", "1.jpg,agree,,", StringComparison.Ordinal));
        Assert.Equal((SpotCheckFinding.Agree, (bool?)null), (entries[0].Finding, entries[0].ImageMatchesPaper));
    }
}
