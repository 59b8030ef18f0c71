using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// Snapshots of whole readings: the pinned sheets (scanner JPEG, 1-bit G4 TIFF, camera photos) read now must give, figure
/// for figure, the interpretation kept in tests/fixtures/snapshots. Any change to a reading shows here: when it is meant,
/// look at the difference and write the snapshots again with BALLOTSCAN_UPDATE_SNAPSHOTS=1.
/// </summary>
public class ReadingSnapshotTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    public static TheoryData<string> Sheets => new(Directory.GetFiles(RepositoryFiles.Path("tests/fixtures/misreadings"), "*.truth.json")
        .Select(f => Path.GetFileName(f)[..^".truth.json".Length]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Sheets))]
    public void A_pinned_sheet_reads_as_its_snapshot(string sheetName)
    {
        var (bytes, _) = PinnedSheets.Load(sheetName);
        var reading = fixture.PinnedReader.ReadFile(bytes, sheetName).Single() with { ReadMs = 0 };
        var json = JsonSerializer.Serialize(reading, ElectionJson.Options);
        var file = RepositoryFiles.Path($"tests/fixtures/snapshots/{sheetName}.json");
        if (Environment.GetEnvironmentVariable("BALLOTSCAN_UPDATE_SNAPSHOTS") == "1")
        {
            // Writing a snapshot is a person's act, never a pass: under CI it is refused, and a run that writes one fails,
            // so that nothing is compared with what it has just written.
            Assert.False(Environment.GetEnvironmentVariable("CI") is { Length: > 0 }, "BALLOTSCAN_UPDATE_SNAPSHOTS is refused under CI: snapshots are written by a person who looked at the difference");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, json);
            Assert.Fail($"snapshot written: {file}; look at its difference (git diff), then run the tests again without BALLOTSCAN_UPDATE_SNAPSHOTS");
        }

        Assert.True(File.Exists(file), $"no snapshot {file}: write it with BALLOTSCAN_UPDATE_SNAPSHOTS=1 and look at it");
        Assert.Equal(File.ReadAllText(file), json);
    }

    [Fact]
    public void The_debug_images_show_each_box_s_crop_and_the_ink_it_was_read_from()
    {
        var (bytes, truth) = PinnedSheets.Load("3034-1123");
        using var image = ImageCodec.Decode(bytes);
        var boxes = ReaderDebug.Boxes(fixture.PinnedReader, image);

        Assert.Equal(truth.Boxes.Count, boxes.Count);
        foreach (var box in boxes)
        {
            using var mask = ImageCodec.Decode(box.InkMask);
            using var crop = ImageCodec.Decode(box.Crop);
            var inked = mask.ToPackedArray().Count(v => v == 0);
            Assert.Equal(box.Reading.Features[0] > 0, inked > 0);
            Assert.True(crop.Width > mask.Width && crop.Height > mask.Height);
            Assert.Equal(truth.Boxes.Single(b => b.BoxId == box.BoxId).Symbol == MarkSymbol.Blank, inked < 0.001 * mask.Width * mask.Height);

            // What the shape network saw: the ink scaled into its square, for every box with ink.
            Assert.Equal(inked > 0, box.Shape is not null);
            if (box.Shape is { } png)
            {
                using var shape = ImageCodec.Decode(png);
                Assert.Equal((4 * ShapeNet.Side, 4 * ShapeNet.Side), (shape.Width, shape.Height));
                Assert.Contains(shape.ToPackedArray(), v => v < 128);
            }
        }
    }
}
