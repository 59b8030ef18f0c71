using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Layout;

/// <summary>
/// Lays out a ballot from an election definition: title, instructions, one section per contest with a row of marking
/// boxes above a row of names (voters mark "在候选人姓名上方的方格内"), write-in cells, and a QR code in each corner.
/// Deterministic: the same definition always gives the same layout, and so the same layout hash.
/// </summary>
public static class LayoutBuilder
{
    /// <summary>QR module size: 0.5 mm is about 4 pixels at 200 dpi, comfortable for the reader.</summary>
    public const double QrModuleMm = 0.5;

    /// <summary>Distance of each QR symbol's outer corner from the paper's edges.</summary>
    public const double QrMarginMm = 8;

    /// <summary>Marking box side: at least 10 mm for a hand-drawn ○.</summary>
    public const double BoxMm = 12;

    public const double BoxLineMm = 0.5;
    public const double GridLineMm = 0.3;
    public const double LabelColumnMm = 20;
    public const double ColumnMm = 22;
    public const double BoxRowMm = 20;
    public const double NameRowMm = 11;

    private const double ContentMarginMm = 15;
    private const double HeadingMm = 8;
    private const double SectionGapMm = 5;
    private const double InstructionPt = 9;
    private const double InstructionLineMm = 4.6;

    /// <summary>The layout of <paramref name="definition"/>'s ballot. The definition should have passed validation.</summary>
    public static BallotLayout Build(ElectionDefinition definition, SurnameStrokeOrder order)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(order);
        var (width, height) = definition.Paper == PaperSize.A3 ? (297.0, 420.0) : (210.0, 297.0);
        var contests = definition.Contests.Select(c => new ContestLayout(
            c.Id, c.Title, c.Seats,
            definition.Order == CandidateOrder.AsListed ? c.Candidates.Select(x => x.Name).ToList() : c.Candidates.Select(x => x.Name).Order(order).ToList(),
            c.WriteIns)).ToList();

        // The QR version depends only on the payload's length, known before the hash is (the hash has a fixed length).
        var probe = new QrPayload(definition.Id, definition.BallotStyle, 1, 1, Corner.TopLeft, new string('0', LayoutHasher.Length)).ToString();
        var modules = QrMatrix.Encode(probe, QrErrorCorrection.M).Size;
        var qrMm = modules * QrModuleMm;

        var pages = new PageComposer(definition, width, height, qrMm).Compose(contests);
        var unsigned = new BallotLayout
        {
            Schema = BallotLayout.CurrentSchema,
            ElectionId = definition.Id,
            BallotStyle = definition.BallotStyle,
            LayoutHash = string.Empty,
            Paper = definition.Paper,
            WidthMm = width,
            HeightMm = height,
            BoxLineMm = BoxLineMm,
            Contests = contests,
            Pages = pages.Select((p, i) => p with { QrCodes = QrCodes(width, height, qrMm, modules, i + 1, pages.Count, definition, string.Empty) }).ToList(),
        };
        var hash = LayoutHasher.Hash(unsigned);
        return unsigned with
        {
            LayoutHash = hash,
            Pages = unsigned.Pages.Select(p => p with { QrCodes = QrCodes(width, height, qrMm, modules, p.Page, pages.Count, definition, hash) }).ToList(),
        };
    }

    private static List<QrPlacement> QrCodes(double width, double height, double size, int modules, int page, int pages, ElectionDefinition d, string hash)
    {
        var far = (x: width - QrMarginMm - size, y: height - QrMarginMm - size);
        return Enum.GetValues<Corner>().Select(corner =>
        {
            var x = corner is Corner.TopLeft or Corner.BottomLeft ? QrMarginMm : far.x;
            var y = corner is Corner.TopLeft or Corner.TopRight ? QrMarginMm : far.y;
            var payload = hash.Length == 0 ? string.Empty : new QrPayload(d.Id, d.BallotStyle, page, pages, corner, hash).ToString();
            return new QrPlacement(corner, payload, new RectMm(x, y, size, size), modules);
        }).ToList();
    }

    /// <summary>Places the sections page after page.</summary>
    private sealed class PageComposer(ElectionDefinition definition, double width, double height, double qrMm)
    {
        private readonly List<SheetLayout> _pages = [];
        private readonly double _left = ContentMarginMm;
        private readonly double _contentWidth = width - (2 * ContentMarginMm);
        private readonly double _bottom = height - QrMarginMm - qrMm - 4;
        private List<MarkingBox> _boxes = [];
        private List<TextItem> _texts = [];
        private List<LineMm> _lines = [];
        private double _y;

        public List<SheetLayout> Compose(IReadOnlyList<ContestLayout> contests)
        {
            StartPage(first: true);
            var columns = (int)Math.Floor((_contentWidth - LabelColumnMm) / ColumnMm);
            foreach (var contest in contests)
            {
                var cells = contest.Candidates.Select((name, i) => (Kind: BoxKind.Candidate, Position: i + 1, Name: (string?)name))
                    .Concat(Enumerable.Range(1, contest.WriteIns).Select(i => (Kind: BoxKind.WriteIn, Position: i, Name: (string?)null)))
                    .ToList();
                var rows = cells.Chunk(columns).ToList();
                for (var r = 0; r < rows.Count; r++)
                {
                    var needed = (r == 0 ? HeadingMm : 0) + BoxRowMm + NameRowMm;
                    if (_y + needed > _bottom)
                    {
                        FinishPage();
                        StartPage(first: false);
                    }

                    if (r == 0)
                    {
                        _texts.Add(new TextItem(BallotWording.ContestHeading(contest), new RectMm(_left, _y, _contentWidth, HeadingMm - 1), 12, Bold: true, TextAlignment.Left));
                        _y += HeadingMm;
                    }

                    PlaceRow(contest, rows[r]);
                }

                _y += SectionGapMm;
            }

            FinishPage();
            return _pages.Select(AddFooter).ToList();
        }

        private SheetLayout AddFooter(SheetLayout page)
        {
            var footer = new TextItem($"第{page.Page}页　共{_pages.Count}页", new RectMm(_left, height - QrMarginMm - 6, _contentWidth, 5), 9);
            return page with { Texts = [.. page.Texts, footer] };
        }

        private void StartPage(bool first)
        {
            (_boxes, _texts, _lines) = ([], [], []);
            var titleLeft = QrMarginMm + qrMm + 4;
            var titleWidth = width - (2 * titleLeft);
            var title = first ? definition.Title : definition.Title + "（续）";
            _texts.Add(new TextItem(title, new RectMm(titleLeft, 9, titleWidth, 9), TextMetrics.FitSize(title, titleWidth, 16), Bold: true));
            var subtitle = BallotWording.Subtitle(definition);
            if (subtitle.Length > 0)
            {
                _texts.Add(new TextItem(subtitle, new RectMm(titleLeft, 19, titleWidth, 6), 10));
            }

            _y = QrMarginMm + qrMm + 4;
            if (first)
            {
                PlaceInstructions();
            }
        }

        private void PlaceInstructions()
        {
            const double padding = 2;
            var lines = BallotWording.Instructions(definition)
                .SelectMany(item => TextMetrics.Wrap(item, _contentWidth - (2 * padding), InstructionPt))
                .Prepend("填写说明：")
                .ToList();
            var top = _y;
            foreach (var line in lines)
            {
                _texts.Add(new TextItem(line, new RectMm(_left + padding, _y + padding, _contentWidth - (2 * padding), InstructionLineMm), InstructionPt, Alignment: TextAlignment.Left));
                _y += InstructionLineMm;
            }

            _y += 2 * padding;
            Rectangle(new RectMm(_left, top, _contentWidth, _y - top), GridLineMm);
            _y += SectionGapMm;
        }

        private void PlaceRow(ContestLayout contest, (BoxKind Kind, int Position, string? Name)[] cells)
        {
            var top = _y;
            var labelBoxRow = new RectMm(_left, top, LabelColumnMm, BoxRowMm);
            var labelNameRow = new RectMm(_left, top + BoxRowMm, LabelColumnMm, NameRowMm);
            _texts.Add(new TextItem(BallotWording.BoxRowLabel, labelBoxRow, 9));
            _texts.Add(new TextItem(BallotWording.NameRowLabel, labelNameRow, 9));
            Rectangle(labelBoxRow, GridLineMm);
            Rectangle(labelNameRow, GridLineMm);
            for (var i = 0; i < cells.Length; i++)
            {
                var (kind, position, name) = cells[i];
                var x = _left + LabelColumnMm + (i * ColumnMm);
                var boxCell = new RectMm(x, top, ColumnMm, BoxRowMm);
                var nameCell = new RectMm(x, top + BoxRowMm, ColumnMm, NameRowMm);
                Rectangle(boxCell, GridLineMm);
                Rectangle(nameCell, GridLineMm);
                var box = new RectMm(x + ((ColumnMm - BoxMm) / 2), top + 5, BoxMm, BoxMm);
                var id = kind == BoxKind.Candidate ? $"{contest.Id}/{position}" : $"{contest.Id}/w{position}";
                _boxes.Add(new MarkingBox(id, contest.Id, kind, position, name, box, nameCell));
                if (name is not null)
                {
                    _texts.Add(new TextItem(name, nameCell, TextMetrics.FitSize(name, ColumnMm - 3, 12)));
                }
                else
                {
                    _texts.Add(new TextItem(BallotWording.WriteInLabel, new RectMm(x, top + 0.6, ColumnMm, 4), 7));
                }
            }

            _y = top + BoxRowMm + NameRowMm + 2;
        }

        private void Rectangle(RectMm r, double lineWidth)
        {
            _lines.Add(new LineMm(r.X, r.Y, r.Right, r.Y, lineWidth));
            _lines.Add(new LineMm(r.Right, r.Y, r.Right, r.Bottom, lineWidth));
            _lines.Add(new LineMm(r.Right, r.Bottom, r.X, r.Bottom, lineWidth));
            _lines.Add(new LineMm(r.X, r.Bottom, r.X, r.Y, lineWidth));
        }

        private void FinishPage() => _pages.Add(new SheetLayout(_pages.Count + 1, [], _boxes, _texts, _lines));
    }
}
