using System.Buffers.Binary;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>Issue 18, defect 10: a file the reader cannot use is named for what it is, in words a person can act on.</summary>
public sealed class BadFileMessageTests : IDisposable
{
    private readonly BallotReader _reader = new([LayoutBuilder.Build(ElectionJson.Load(RepositoryFiles.VillagersExample), SurnameStrokeOrder.Debian)], MarkClassifier.Shipped);
    private readonly string _folder = Directory.CreateTempSubdirectory("bad-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A little-endian TIFF of <paramref name="pages"/> pages of <paramref name="width"/> × <paramref name="height"/>, <paramref name="bits"/> bits a sample.</summary>
    private static byte[] Tiff(int pages, int width = 8, int height = 8, int bits = 8, int sampleFormat = 1)
    {
        var pixelBytes = width * height * bits / 8;
        const int Entries = 9;
        var ifdSize = 2 + (12 * Entries) + 4;
        var data = new byte[8 + pixelBytes + (pages * ifdSize)];
        "II"u8.CopyTo(data);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), (uint)(8 + pixelBytes));
        for (var p = 0; p < pages; p++)
        {
            var at = 8 + pixelBytes + (p * ifdSize);
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), Entries);
            var tags = new (ushort Tag, ushort Type, uint Value)[]
            {
                (256, 4, (uint)width), (257, 4, (uint)height), (258, 3, (uint)bits), (259, 3, 1), (262, 3, 1),
                (273, 4, 8), (277, 3, 1), (279, 4, (uint)pixelBytes), (339, 3, (uint)sampleFormat),
            };
            for (var i = 0; i < tags.Length; i++)
            {
                var e = at + 2 + (12 * i);
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(e), tags[i].Tag);
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(e + 2), tags[i].Type);
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(e + 4), 1);
                if (tags[i].Type == 3)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(e + 8), (ushort)tags[i].Value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(e + 8), tags[i].Value);
                }
            }

            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at + 2 + (12 * Entries)), p + 1 < pages ? (uint)(at + ifdSize) : 0);
        }

        return data;
    }

    private SheetInterpretation ReadOne(byte[] bytes, string name = "scan.tif") => Assert.Single(_reader.ReadFile(bytes, name));

    [Theory]
    [InlineData(5_000)] // issue 36: 1 MB of 5,000 pages was read as 5,000 sheets set aside, while 10,001 were refused whole
    [InlineData(10_001)]
    public void A_tiff_of_more_pages_than_a_file_may_hold_is_refused_whole_and_says_so(int pages)
    {
        var sheet = ReadOne(Tiff(pages));
        Assert.False(sheet.Accepted);
        Assert.DoesNotContain("loops", sheet.Message, StringComparison.Ordinal);
        Assert.Contains(ImageProbe.MaxPages.ToString(System.Globalization.CultureInfo.InvariantCulture), sheet.Message!.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_of_more_pages_than_a_file_may_hold_is_refused_before_any_page_is_rendered()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        for (var i = 0; i <= ImageProbe.MaxPages; i++)
        {
            document.AddPage();
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        var sheet = ReadOne(stream.ToArray(), "box.pdf");
        Assert.False(sheet.Accepted);
        Assert.Contains(ImageProbe.MaxPages.ToString(System.Globalization.CultureInfo.InvariantCulture), sheet.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiff_of_as_many_pages_as_a_file_may_hold_is_read_page_by_page()
    {
        Assert.Equal(ImageProbe.MaxPages, _reader.ReadFile(Tiff(ImageProbe.MaxPages), "box.tif").Count);
    }

    [Fact]
    public void A_one_pixel_image_is_too_small_to_be_a_sheet_not_a_bug()
    {
        using var dot = GrayImage.Create(1, 1);
        var sheet = ReadOne(ImageCodec.EncodePng(dot), "dot.png");
        Assert.False(sheet.Accepted);
        Assert.DoesNotContain("bug", sheet.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("too small", sheet.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(32, 3)]
    [InlineData(64, 3)]
    public void A_tiff_of_32_or_64_bit_samples_is_named_as_such_not_as_damaged(int bits, int sampleFormat)
    {
        var sheet = ReadOne(Tiff(1, bits: bits, sampleFormat: sampleFormat));
        Assert.False(sheet.Accepted);
        Assert.DoesNotContain("damaged", sheet.Message, StringComparison.Ordinal);
        Assert.Contains($"{bits}-bit", sheet.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_empty_file_is_called_empty_not_the_same_file_as_the_first()
    {
        var files = new List<string> { Path.Combine(_folder, "zero.JPG"), Path.Combine(_folder, "nothing.jpg") };
        files.ForEach(f => File.WriteAllBytes(f, []));
        var read = new SheetInterpretation[files.Count];
        BatchReader.Read(files, _reader, (i, sheets) => read[i] = sheets.Single());
        Assert.All(read, s => Assert.Contains("empty", s.Message, StringComparison.OrdinalIgnoreCase));
        Assert.All(read, s => Assert.DoesNotContain("same file", s.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Identical_pages_inside_one_file_are_flagged_for_the_scrutineers()
    {
        // One ballot's scan copied into a five-page TIFF: five pages, one paper.
        using var synthesizer = new BallotSynthesizer(ElectionJson.Load(RepositoryFiles.VillagersExample), new SynthesisOptions { Seed = 18010 });
        using var page = ImageCodec.Decode(synthesizer.Generate(0).Bytes);
        var sheets = _reader.ReadFile(ImageCodec.EncodeTiff([page, page, page, page, page]), "copied pages.tif");
        Assert.Equal(5, sheets.Count);
        Assert.All(sheets, s => Assert.True(s.Accepted));
        Assert.DoesNotContain(ReviewReason.IdenticalPage, sheets[0].SheetReasons);
        Assert.All(sheets.Skip(1), s => Assert.Contains(ReviewReason.IdenticalPage, s.SheetReasons));
        Assert.All(sheets.Skip(1), s => Assert.Contains("page 1", s.Message, StringComparison.Ordinal));
    }
}
