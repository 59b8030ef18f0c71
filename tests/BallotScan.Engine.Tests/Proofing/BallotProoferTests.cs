using BallotScan.Engine.Elections;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Proofing;
using BallotScan.Engine.Tests.Layout;

namespace BallotScan.Engine.Tests.Proofing;

public sealed class BallotProoferTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ballotscan-proof-test-");
    private readonly TesseractEngine _ocr = TesseractEngine.Open();

    public void Dispose()
    {
        _ocr.Dispose();
        _folder.Delete(recursive: true);
    }

    /// <summary>The PDF of <paramref name="printed"/> rendered at 200 dpi, as a printer would put it on paper.</summary>
    private IReadOnlyList<GrayImage> Print(BallotLayout printed)
    {
        var path = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, BallotPdfWriter.Write(printed, "proof test"));
        return PdfRasterizer.Render(path, 200);
    }

    /// <summary>What a print shop does when it retypes two names into each other's cells: same QR codes, wrong names.</summary>
    private static BallotLayout WithNamesExchanged(BallotLayout layout, string a, string b)
    {
        string Swap(string s) => s == a ? b : s == b ? a : s;
        return layout with
        {
            Pages = layout.Pages.Select(p => p with
            {
                Texts = p.Texts.Select(t => t with { Text = Swap(t.Text) }).ToList(),
                Boxes = p.Boxes.Select(x => x.CandidateName is null ? x : x with { CandidateName = Swap(x.CandidateName) }).ToList(),
            }).ToList(),
        };
    }

    [Fact]
    public void A_correct_print_reads_every_name_back_and_passes()
    {
        var layout = LayoutTests.Villagers();
        var report = BallotProofer.Proof(layout, Print(layout), _ocr);

        Assert.True(report.Passed, string.Join("; ", report.Findings));
        Assert.Equal(layout.AllBoxes.Where(b => b.Kind == BoxKind.Candidate).Select(b => b.CandidateName), report.Names.Select(n => n.Read));
    }

    [Fact]
    public void A_scan_of_the_print_slightly_turned_and_compressed_passes_too()
    {
        var layout = LayoutTests.Villagers();
        var page = Print(layout)[0];
        using var turned = ImageOps.Warp(page, Homography.Rotation(1.5, new PointD(page.Width / 2.0, page.Height / 2.0)), page.Width, page.Height);
        using var blurred = ImageOps.GaussianBlur(turned, 0.7);
        using var scan = ImageCodec.Decode(ImageCodec.EncodeJpeg(blurred, 75));

        var report = BallotProofer.Proof(layout, [scan], _ocr);

        Assert.True(report.Passed, string.Join("; ", report.Findings));
        Assert.Equal(8, report.Names.Count);
    }

    [Fact]
    public void Two_names_printed_in_each_others_places_are_flagged_as_swapped()
    {
        var layout = LayoutTests.Villagers();
        var report = BallotProofer.Proof(layout, Print(WithNamesExchanged(layout, "李红梅", "张国庆")), _ocr);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("NamesSwapped", finding.Code);
        Assert.Contains("李红梅", finding.Message, StringComparison.Ordinal);
        Assert.Contains("张国庆", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_name_is_flagged_with_what_was_printed()
    {
        var layout = LayoutTests.Villagers();
        var report = BallotProofer.Proof(layout, Print(WithNamesExchanged(layout, "马晓燕", "马小燕")), _ocr);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("NameMismatch", finding.Code);
        Assert.True(finding.Message.Contains("'马小燕' was read", StringComparison.Ordinal), finding.Message);
    }

    [Fact]
    public void The_ballot_of_another_election_is_flagged()
    {
        var village = LayoutTests.Villagers();
        var party = LayoutBuilder.Build(ElectionJson.Load(RepositoryFiles.PartyExample), SurnameStrokeOrder.Debian);

        var report = BallotProofer.Proof(village, Print(party), _ocr);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("WrongElection", finding.Code);
        Assert.Contains("example-party-2026", finding.Message, StringComparison.Ordinal);
        Assert.Empty(report.Names);
    }

    [Fact]
    public void A_print_from_an_edited_definition_is_flagged_and_the_changed_name_found()
    {
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var edited = definition with { Contests = [definition.Contests[0] with { Candidates = [new Candidate { Name = "王建国" }, definition.Contests[0].Candidates[1]] }, .. definition.Contests.Skip(1)] };
        var report = BallotProofer.Proof(LayoutTests.Villagers(), Print(LayoutBuilder.Build(edited, SurnameStrokeOrder.Debian)), _ocr);

        Assert.Equal(["LayoutMismatch", "NameMismatch"], report.Findings.Select(f => f.Code));
        Assert.Contains("'王建国' was read", report.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_page_is_not_a_ballot()
    {
        using var blank = GrayImage.Create(1654, 2339);
        var report = BallotProofer.Proof(LayoutTests.Villagers(), [blank], _ocr);
        Assert.Equal("NoCodes", Assert.Single(report.Findings).Code);
    }
}
