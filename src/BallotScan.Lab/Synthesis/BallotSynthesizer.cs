using System.Security.Cryptography;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Fonts;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Synthesis;

/// <summary>One generated sheet: the image file's bytes and everything true about it.</summary>
public sealed record SyntheticSheet(byte[] Bytes, string Extension, SheetTruth Truth);

/// <summary>
/// Makes synthetic marked ballots with ground truth, deterministically: sheet <c>n</c> of seed <c>s</c> is always the
/// same bytes, whichever thread makes it and in whatever order. The blank ballot is the real print (the PDF rendered by
/// poppler at the scan resolution); voters' marks are drawn on it with pens; then a scanner or a camera captures it.
/// Thread-safe: <see cref="Generate"/> may run on every core at once.
/// </summary>
public sealed class BallotSynthesizer : IDisposable
{
    private readonly SynthesisOptions _options;
    private readonly double _pixelsPerMm;
    private readonly Template _main;
    private readonly Template _otherElection;
    private readonly Template _otherVersion;
    private readonly RealMarkSet? _realMarks;

    /// <summary>The scrutineers who sign the backs of ballots (<see cref="SynthesisOptions.BackSignatureRate"/>).</summary>
    private static readonly string[] s_signatures = ["监票人王立新", "监票人陈秀英", "李国强", "赵美华", "孙志远"];

    /// <summary>Whose seal the ballots bear: "示例村村民选举委员会".</summary>
    private readonly string _committee;

    /// <summary>A generator of <paramref name="definition"/>'s ballots.</summary>
    /// <param name="definition">The election.</param>
    /// <param name="options">Every knob.</param>
    /// <param name="printed">The layout the ballots were printed with, when not the one the definition gives today: a
    /// fixture's sheets, made again exactly as an older version of the software printed them.</param>
    public BallotSynthesizer(ElectionDefinition definition, SynthesisOptions options, BallotLayout? printed = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pixelsPerMm = options.Dpi / 25.4;
        var order = SurnameStrokeOrder.Debian;
        _main = Template.Render(printed ?? LayoutBuilder.Build(definition, order), options.Dpi);
        _committee = definition.Place.Village + BallotWording.Committee(definition.Type);

        // Another village's ballot: same shape, other id and title.
        var other = definition with { Id = Truncate(definition.Id, 34) + "-other", Title = "邻村" + definition.Title };
        _otherElection = Template.Render(LayoutBuilder.Build(other, order), options.Dpi);

        // This election's ballot printed from an older version of the definition: one name spelt differently (with nobody
        // listed, the first post's title).
        var first = definition.Contests[0];
        var older = first.Candidates.Count == 0
            ? first with { Title = first.Title + "之" }
            : first with { Candidates = [first.Candidates[0] with { Name = first.Candidates[0].Name + "之" }, .. first.Candidates.Skip(1)] };
        var edited = definition with { Contests = [older, .. definition.Contests.Skip(1)] };
        _otherVersion = Template.Render(LayoutBuilder.Build(edited, order), options.Dpi);

        if (options.RealMarkRate > 0)
        {
            var set = RealMarkSet.Load(options.RealMarks ?? throw new ArgumentException("A real-mark rate needs a real-mark pack (RealMarks)."));
            _realMarks = options.RealMarkWriters is { } writers ? set.OfWriters(writers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) : set;
            if (_realMarks.Drawings.Count == 0)
            {
                throw new ArgumentException($"The real-mark pack has none of the writers {options.RealMarkWriters}.");
            }
        }
    }

    /// <summary>The layout of the election's ballot.</summary>
    public BallotLayout Layout => _main.Layout;

    public SynthesisOptions Options => _options;

    /// <summary>What sheet <paramref name="index"/> is, before it is made.</summary>
    public SheetKind KindOf(int index)
    {
        var kind = DrawnKind(index);
        return kind is SheetKind.Rescan or SheetKind.DuplicateFile && RepeatedSheet(index) is null ? SheetKind.Ballot : kind;
    }

    /// <summary>The kind drawn for sheet <paramref name="index"/>; a repeat may yet fall back to a ballot when it has no original.</summary>
    private SheetKind DrawnKind(int index)
    {
        var o = _options;
        var u = SheetRandom(index, Stream.Kind).NextDouble();
        (SheetKind Kind, double Rate)[] rates =
        [
            (SheetKind.OtherElection, o.OtherElectionRate), (SheetKind.LayoutMismatch, o.LayoutMismatchRate), (SheetKind.UnknownPage, o.UnknownPageRate),
            (SheetKind.BlankSheet, o.BlankSheetRate), (SheetKind.NotABallot, o.NotABallotRate), (SheetKind.Rescan, o.RescanRate), (SheetKind.DuplicateFile, o.DuplicateFileRate),
        ];
        foreach (var (kind, rate) in rates)
        {
            if (u < rate)
            {
                return kind;
            }

            u -= rate;
        }

        return SheetKind.Ballot;
    }

    /// <summary>Makes sheet <paramref name="index"/>.</summary>
    public SyntheticSheet Generate(int index)
    {
        var kind = KindOf(index);
        if (kind == SheetKind.DuplicateFile)
        {
            // The same bytes under a file name of its own, as a file imported twice.
            var original = Generate(RepeatedSheet(index)!.Value);
            return original with { Truth = original.Truth with { Index = index, File = FileName(index, original.Extension), Kind = kind, RepeatOf = original.Truth.Index } };
        }

        var paperIndex = kind == SheetKind.Rescan ? RepeatedSheet(index)!.Value : index;
        var marks = SheetRandom(paperIndex, Stream.Marks);
        var capture = SheetRandom(index, Stream.Capture);
        var camera = _options.Conditions == CaptureConditions.Camera
            || (_options.Conditions == CaptureConditions.Mixed && SheetRandom(index, Stream.Kind).Next(3) == 0);

        var template = kind switch
        {
            SheetKind.OtherElection => _otherElection,
            SheetKind.LayoutMismatch => _otherVersion,
            _ => _main,
        };
        using var paper = kind switch
        {
            SheetKind.BlankSheet => GrayImage.Create(template.Page.Width, template.Page.Height),
            SheetKind.NotABallot => NotABallot(template.Page.Width, template.Page.Height, marks),
            _ => template.Page.Clone(),
        };
        var boxes = new List<BoxTruth>();
        if (kind is SheetKind.Ballot or SheetKind.Rescan or SheetKind.OtherElection or SheetKind.LayoutMismatch or SheetKind.UnknownPage)
        {
            boxes = MarkBallot(paper, template.Layout, marks);
        }

        if (kind == SheetKind.UnknownPage)
        {
            OverprintCodes(paper, template.Layout, page: 2, pages: 2);
        }

        // The back of a ballot signed by the scrutineers (监票人签名): handwriting and no codes.
        var signatures = 0;
        if (kind == SheetKind.BlankSheet && _options.BackSignatureRate > 0 && SheetRandom(index, Stream.Seal) is var signRandom && signRandom.NextDouble() < _options.BackSignatureRate)
        {
            signatures = 1 + signRandom.Next(2);
            var canvas = new InkCanvas(paper, _pixelsPerMm);
            var pen = Pen.Draw(signRandom, _options);
            for (var k = 0; k < signatures; k++)
            {
                var name = s_signatures[signRandom.Next(s_signatures.Length)];
                var place = new RectMm(Pen.Between(signRandom, 20, template.Layout.WidthMm - 80), Pen.Between(signRandom, 20, template.Layout.HeightMm - 40), Pen.Between(signRandom, 30, 55), Pen.Between(signRandom, 10, 16));
                Handwriting.Write(canvas, name, place, pen, signRandom);
            }
        }

        // The seal from a stream of its own: a corpus with seals has the very marks and capture of the same corpus without.
        var stamped = false;
        if (boxes.Count > 0 && _options.SealRate > 0 && SheetRandom(paperIndex, Stream.Seal) is var sealRandom && sealRandom.NextDouble() < _options.SealRate)
        {
            var village = template.Layout.ElectionId == _main.Layout.ElectionId ? _committee : "其他村" + BallotWording.Committee(ElectionType.VillagersCommittee);
            SealStamp.Stamp(paper, template.Layout, template.Layout.Pages[0], _pixelsPerMm, village, sealRandom);
            stamped = true;
        }

        var result = Capture.Apply(paper, _pixelsPerMm, camera, _options, capture);
        var hasLayout = kind is not (SheetKind.BlankSheet or SheetKind.NotABallot);
        var layoutToImage = result.PageToImage * Homography.Scale(_pixelsPerMm, _pixelsPerMm);
        var truth = new SheetTruth
        {
            Index = index,
            File = FileName(index, result.Extension),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(result.Bytes)),
            Kind = kind,
            RepeatOf = kind == SheetKind.Rescan ? paperIndex : null,
            ElectionId = hasLayout ? template.Layout.ElectionId : null,
            Page = hasLayout ? (kind == SheetKind.UnknownPage ? 2 : 1) : null,
            LayoutHash = hasLayout ? template.Layout.LayoutHash : null,
            Capture = result.Truth,
            LayoutToImage = hasLayout ? layoutToImage.ToArray().Select(v => Math.Round(v, 9)).ToList() : null,
            Boxes = boxes,
            Sealed = _options.SealRate > 0 && boxes.Count > 0 ? stamped : null,
            Signatures = signatures > 0 ? signatures : null,
        };
        return new SyntheticSheet(result.Bytes, result.Extension, truth);
    }

    /// <summary>The file name of sheet <paramref name="index"/> inside the corpus.</summary>
    public static string FileName(int index, string extension) => $"sheets/{index:D6}{extension}";

    public void Dispose()
    {
        _main.Page.Dispose();
        _otherElection.Page.Dispose();
        _otherVersion.Page.Dispose();
    }

    private List<BoxTruth> MarkBallot(GrayImage paper, BallotLayout layout, Random random)
    {
        var page = layout.Pages[0];
        var canvas = new InkCanvas(paper, _pixelsPerMm);
        var pen = Pen.Draw(random, _options);
        var truths = new List<BoxTruth>();
        foreach (var intent in VoterModel.Fill(layout, page, _options, random))
        {
            var box = intent.Box.Box;
            var closed = false;
            var truth = new BoxTruth(intent.Box.Id, intent.Symbol, intent.Corrected, intent.Strays);
            if (intent.Symbol != MarkSymbol.Blank)
            {
                DrawnMark mark;
                var real = _realMarks is not null && !intent.Corrected && random.NextDouble() < _options.RealMarkRate ? _realMarks.Pick(intent.Symbol, random) : null;
                if (real is not null)
                {
                    // A real hand's drawing: its own truth (a person's reading of it), its own placement and straying.
                    (mark, var strays) = RealMarkSet.Place(real, box.Width, random);
                    truth = truth with { Symbol = real.Truth!.Value, Strays = strays, Writer = real.Writer, Source = real.Source };
                }
                else if (intent.Corrected)
                {
                    var before = MarkShapes.Draw(random.Next(2) == 0 ? MarkSymbol.Circle : MarkSymbol.Cross, box.Width * 0.8, random);
                    var after = MarkShapes.Draw(random.Next(2) == 0 ? MarkSymbol.Circle : MarkSymbol.Cross, box.Width * 0.6, random);
                    mark = MarkShapes.StruckThrough(before, box.Width, random);
                    mark = mark with { Strokes = [.. mark.Strokes, .. MarkShapes.Moved(after, new PointD(box.Width * 0.15, box.Width * 0.15)).Strokes] };
                }
                else
                {
                    mark = MarkShapes.Draw(intent.Symbol, box.Width, random);
                    truth = truth with { Shape = mark.Shape };
                }

                closed = mark.Closed;
                var offset = box.Center;
                if (intent.Strays && real is null)
                {
                    var side = random.Next(4);
                    var shift = box.Width * Pen.Between(random, 0.3, 0.45);
                    offset += side switch { 0 => new PointD(shift, 0), 1 => new PointD(-shift, 0), 2 => new PointD(0, shift), _ => new PointD(0, -shift) };
                }

                foreach (var stroke in MarkShapes.Moved(mark, offset).Strokes)
                {
                    canvas.Stroke(stroke, pen, random);
                }

                if (mark.Text is { } text)
                {
                    var side = box.Width * Pen.Between(random, 0.7, 0.95);
                    Handwriting.Write(canvas, text, new RectMm(offset.X - (side / 2), offset.Y - (side / 2), side, side), pen, random);
                }
            }

            if (intent.WriteInName is { } name)
            {
                Handwriting.Write(canvas, name, intent.Box.NameCell, pen, random);
            }

            truths.Add(truth with
            {
                Closed = closed,
                Pen = intent.Symbol != MarkSymbol.Blank || intent.WriteInName is not null ? pen.Kind : null,
                WriteInName = intent.WriteInName,
            });
        }

        var specks = random.Next(0, (int)(2 * _options.SpecksPerSheet) + 1);
        for (var s = 0; s < specks; s++)
        {
            canvas.Dot(new PointD(Pen.Between(random, 5, layout.WidthMm - 5), Pen.Between(random, 5, layout.HeightMm - 5)), Pen.Between(random, 0.12, 0.3), (byte)random.Next(60, 170));
        }

        return truths;
    }

    /// <summary>Prints codes for another page over the real ones (same size, same place), as a page of a longer ballot would carry.</summary>
    private void OverprintCodes(GrayImage paper, BallotLayout layout, int page, int pages)
    {
        foreach (var placement in layout.Pages[0].QrCodes)
        {
            var payload = new QrPayload(layout.ElectionId, layout.BallotStyle, page, pages, placement.Corner, layout.LayoutHash).ToString();
            var matrix = QrMatrix.Encode(payload, QrErrorCorrection.M);
            var m = placement.Symbol.Width / matrix.Size;
            for (var row = 0; row < matrix.Size; row++)
            {
                for (var column = 0; column < matrix.Size; column++)
                {
                    var x0 = (int)Math.Round((placement.Symbol.X + (column * m)) * _pixelsPerMm);
                    var y0 = (int)Math.Round((placement.Symbol.Y + (row * m)) * _pixelsPerMm);
                    var x1 = (int)Math.Round((placement.Symbol.X + ((column + 1) * m)) * _pixelsPerMm);
                    var y1 = (int)Math.Round((placement.Symbol.Y + ((row + 1) * m)) * _pixelsPerMm);
                    Raster.Fill(paper, new PixelRect(x0, y0, x1 - x0, y1 - y0), matrix.IsDark(row, column) ? (byte)0 : (byte)255);
                }
            }
        }
    }

    /// <summary>A page that is not a ballot: a notice with blocks, lines of text and sometimes a QR code of its own.</summary>
    private static GrayImage NotABallot(int width, int height, Random random)
    {
        var page = GrayImage.Create(width, height, (byte)random.Next(200, 256));
        for (var i = random.Next(3, 10); i > 0; i--)
        {
            var w = random.Next(width / 10, width / 2);
            var h = random.Next(height / 20, height / 5);
            Raster.Fill(page, new PixelRect(random.Next(width - w), random.Next(height - h), w, h), (byte)random.Next(0, 230));
        }

        string[] lines = ["关于做好冬季防火工作的通知", "各村民小组：", "请于本月底前完成检查。", "村民委员会"];
        var y = height / 3;
        foreach (var line in lines)
        {
            using var text = TextRenderer.Render(line, FontLocator.Chinese, random.Next(30, 60), 0);
            Raster.PasteDarker(page, text, random.Next(40, Math.Max(41, width - text.Width - 40)), y);
            y += text.Height + 30;
        }

        if (random.NextDouble() < 0.5)
        {
            Raster.DrawQr(page, QrMatrix.Encode("https://example.org/notice/" + random.Next(1000)), width - 300, height - 300, 5);
        }

        return page;
    }

    private int? RepeatedSheet(int index)
    {
        // A repeat shows up shortly after its original, as a re-fed sheet or a re-imported file does.
        for (var back = 1 + SheetRandom(index, Stream.Repeat).Next(Math.Min(index, 50) + 1); back <= index; back++)
        {
            var candidate = index - back;
            if (candidate >= 0 && DrawnKind(candidate) == SheetKind.Ballot)
            {
                return candidate;
            }
        }

        return null;
    }

    private enum Stream
    {
        Kind = 1,
        Marks = 2,
        Capture = 3,
        Repeat = 4,
        Seal = 5,
    }

    /// <summary>An independent random stream per sheet and purpose, from the corpus seed.</summary>
    private Random SheetRandom(int index, Stream stream) => new(Mix(_options.Seed, index, (int)stream));

    /// <summary>A seed for sheet <paramref name="index"/> and <paramref name="purpose"/> of a corpus seeded <paramref name="seed"/>: the same on every machine and run.</summary>
    internal static int Mix(int seed, int index, int purpose)
    {
        var h = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        h ^= ((ulong)(uint)index + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL;
        h ^= (ulong)(uint)purpose * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        return (int)(h & 0x7FFFFFFF);
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n];

    /// <summary>A ballot layout and its blank first page rendered from the PDF at the scan resolution.</summary>
    private sealed record Template(BallotLayout Layout, GrayImage Page)
    {
        public static Template Render(BallotLayout layout, int dpi)
        {
            var pdf = Path.Combine(Path.GetTempPath(), $"ballotscan-template-{layout.LayoutHash}-{Environment.ProcessId}-{Guid.NewGuid():N}.pdf");
            File.WriteAllBytes(pdf, BallotPdfWriter.Write(layout, layout.ElectionId));
            try
            {
                var pages = PdfRasterizer.Render(pdf, dpi);
                foreach (var extra in pages.Skip(1))
                {
                    extra.Dispose();
                }

                return new Template(layout, pages[0]);
            }
            finally
            {
                File.Delete(pdf);
            }
        }
    }
}
