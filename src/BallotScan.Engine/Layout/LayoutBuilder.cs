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

    /// <summary>The printed names' size: every name on a ballot is printed at one size, none smaller than another.</summary>
    public const double NamePt = 12;

    /// <summary>The seal area's side (印章区): a township or village seal is 38 to 42 mm across.</summary>
    public const double SealAreaMm = 46;

    /// <summary>An A3 ballot is the A4 ballot enlarged as a photocopier would (A4 to A3 is 141 %): bigger boxes, names
    /// and writing space for voters who see badly, not the A4 content lost on a big sheet. The QR codes keep their size.</summary>
    public const double A3Scale = 1.4;

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

        var scale = definition.Paper == PaperSize.A3 ? A3Scale : 1;
        var pages = new PageComposer(definition, width, height, qrMm, scale).Compose(contests);
        var unsigned = new BallotLayout
        {
            Schema = BallotLayout.CurrentSchema,
            ElectionId = definition.Id,
            BallotStyle = definition.BallotStyle,
            LayoutHash = string.Empty,
            Paper = definition.Paper,
            WidthMm = width,
            HeightMm = height,
            BoxLineMm = BoxLineMm * scale,
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
    private sealed class PageComposer(ElectionDefinition definition, double width, double height, double qrMm, double s)
    {
        private readonly List<SheetLayout> _pages = [];
        private readonly double _left = ContentMarginMm * s;
        private readonly double _contentWidth = width - (2 * ContentMarginMm * s);
        private readonly double _bottom = height - QrMarginMm - qrMm - 4;
        private readonly bool _sealArea = definition.RuleProfile is { SealArea: true } or { RequireSeal: true };
        private double _namePt;
        private SealArea? _seal;
        private List<MarkingBox> _boxes = [];
        private List<TextItem> _texts = [];
        private List<LineMm> _lines = [];
        private double _y;

        public List<SheetLayout> Compose(IReadOnlyList<ContestLayout> contests)
        {
            _namePt = NameSize(contests.SelectMany(c => c.Candidates), (ColumnMm * s) - (3 * s), (NameRowMm * s) - 1, NamePt * s);
            StartPage(first: true);
            var columns = (int)Math.Floor((_contentWidth - (LabelColumnMm * s)) / (ColumnMm * s));
            foreach (var contest in contests)
            {
                var cells = contest.Candidates.Select((name, i) => (Kind: BoxKind.Candidate, Position: i + 1, Name: (string?)name))
                    .Concat(Enumerable.Range(1, contest.WriteIns).Select(i => (Kind: BoxKind.WriteIn, Position: i, Name: (string?)null)))
                    .ToList();
                var rows = cells.Chunk(columns).ToList();
                for (var r = 0; r < rows.Count; r++)
                {
                    var needed = ((r == 0 ? HeadingMm : 0) + BoxRowMm + NameRowMm) * s;
                    if (_y + needed > _bottom)
                    {
                        FinishPage();
                        StartPage(first: false);
                    }

                    if (r == 0)
                    {
                        _texts.Add(new TextItem(BallotWording.ContestHeading(contest), new RectMm(_left, _y, _contentWidth, (HeadingMm - 1) * s), 12 * s, Bold: true, TextAlignment.Left));
                        _y += HeadingMm * s;
                    }

                    PlaceRow(contest, rows[r]);
                }

                _y += SectionGapMm * s;
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
            var title = first ? BallotWording.Title(definition) : BallotWording.Title(definition) + "（续）";
            _texts.Add(new TextItem(title, new RectMm(titleLeft, 9, titleWidth, 9), TextMetrics.FitSize(title, titleWidth, 16 * s), Bold: true));
            var subtitle = BallotWording.Subtitle(definition);
            if (subtitle.Length > 0)
            {
                _texts.Add(new TextItem(subtitle, new RectMm(titleLeft, 19, titleWidth, 6), 10 * s));
            }

            _y = QrMarginMm + qrMm + 4;
            _seal = null;
            var sealSide = SealAreaMm;
            var beside = _sealArea ? sealSide + (3 * s) : 0;
            var top = _y;
            if (first)
            {
                PlaceInstructions(_contentWidth - beside, sealSide);
            }

            if (_sealArea)
            {
                // The seal area (印章区) at the right of the instructions, on every sheet: each sheet is a paper of its own.
                var area = new RectMm(_left + _contentWidth - sealSide, top, sealSide, sealSide);
                Rectangle(area, GridLineMm);
                _texts.Add(new TextItem(BallotWording.SealLabel(definition), new RectMm(area.X, area.Bottom - (6 * s), area.Width, 5 * s), 8 * s));
                _seal = new SealArea(area, definition.RuleProfile.RequireSeal);
                _y = Math.Max(_y, area.Bottom + (SectionGapMm * s));
            }
        }

        private void PlaceInstructions(double boxWidth, double minHeight)
        {
            var padding = 2 * s;
            var size = InstructionPt * s;
            var lineMm = InstructionLineMm * s;
            var lines = BallotWording.Instructions(definition)
                .SelectMany(item => TextMetrics.Wrap(item, boxWidth - (2 * padding), size))
                .Prepend("填写说明：")
                .ToList();
            var top = _y;
            foreach (var line in lines)
            {
                _texts.Add(new TextItem(line, new RectMm(_left + padding, _y + padding, boxWidth - (2 * padding), lineMm), size, Alignment: TextAlignment.Left));
                _y += lineMm;
            }

            _y += 2 * padding;
            if (_sealArea)
            {
                _y = Math.Max(_y, top + minHeight);
            }

            Rectangle(new RectMm(_left, top, boxWidth, _y - top), GridLineMm);
            _y += SectionGapMm * s;
        }

        /// <summary>
        /// The one size every name is printed at: <paramref name="maxPt"/>, or smaller only when a name would not fit its cell
        /// in two lines. A long name (热依拉·买买提) wraps onto a second line instead of shrinking alone.
        /// </summary>
        private static double NameSize(IEnumerable<string> names, double widthMm, double heightMm, double maxPt)
        {
            var all = names.ToList();
            for (var size = maxPt; size > 6; size -= 0.5)
            {
                var lineMm = size * TextMetrics.MillimetresPerPoint * 1.15;
                if (all.All(n => NameLines(n, widthMm, size) is { } lines && lines.Length * lineMm <= heightMm))
                {
                    return size;
                }
            }

            return 6;
        }

        /// <summary>A name as printed: one line, or two broken after the middle dot (·) nearest the middle, else in half;
        /// null when it does not fit two lines at <paramref name="sizePt"/>.</summary>
        internal static string[]? NameLines(string name, double widthMm, double sizePt)
        {
            var maxEm = widthMm / (sizePt * TextMetrics.MillimetresPerPoint);
            if (TextMetrics.WidthEm(name) <= maxEm)
            {
                return [name];
            }

            var runes = name.EnumerateRunes().Select(r => r.ToString()).ToList();
            var dots = Enumerable.Range(1, runes.Count - 1).Where(i => runes[i - 1] is "·" or "•" or "・").ToList();
            var cut = dots.Count > 0 ? dots.MinBy(i => Math.Abs((2 * i) - runes.Count)) : (runes.Count + 1) / 2;
            string[] lines = [string.Concat(runes.Take(cut)), string.Concat(runes.Skip(cut))];
            return lines.All(l => TextMetrics.WidthEm(l) <= maxEm) ? lines : null;
        }

        private void PlaceRow(ContestLayout contest, (BoxKind Kind, int Position, string? Name)[] cells)
        {
            var top = _y;
            var (label, column, boxRow, nameRow, boxSide) = (LabelColumnMm * s, ColumnMm * s, BoxRowMm * s, NameRowMm * s, BoxMm * s);
            var labelBoxRow = new RectMm(_left, top, label, boxRow);
            var labelNameRow = new RectMm(_left, top + boxRow, label, nameRow);
            _texts.Add(new TextItem(BallotWording.BoxRowLabel, labelBoxRow, 9 * s));
            _texts.Add(new TextItem(BallotWording.NameRowLabel, labelNameRow, 9 * s));
            Rectangle(labelBoxRow, GridLineMm);
            Rectangle(labelNameRow, GridLineMm);
            for (var i = 0; i < cells.Length; i++)
            {
                var (kind, position, name) = cells[i];
                var x = _left + label + (i * column);
                var boxCell = new RectMm(x, top, column, boxRow);
                var nameCell = new RectMm(x, top + boxRow, column, nameRow);
                Rectangle(boxCell, GridLineMm);
                Rectangle(nameCell, GridLineMm);
                var box = new RectMm(x + ((column - boxSide) / 2), top + (5 * s), boxSide, boxSide);
                var id = kind == BoxKind.Candidate ? $"{contest.Id}/{position}" : $"{contest.Id}/w{position}";
                _boxes.Add(new MarkingBox(id, contest.Id, kind, position, name, box, nameCell));
                if (name is not null)
                {
                    var lines = NameLines(name, column - (3 * s), _namePt) ?? [name];
                    var lineMm = nameCell.Height / lines.Length;
                    _texts.AddRange(lines.Select((line, k) => new TextItem(line,
                        lines.Length == 1 ? nameCell : new RectMm(nameCell.X, nameCell.Y + (k * lineMm), nameCell.Width, lineMm), _namePt)));
                }
                else
                {
                    _texts.Add(new TextItem(BallotWording.CellLabel(contest, position), new RectMm(x, top + (0.6 * s), column, 4 * s), 7 * s));
                }
            }

            _y = top + boxRow + nameRow + (2 * s);
        }

        private void Rectangle(RectMm r, double lineWidth)
        {
            _lines.Add(new LineMm(r.X, r.Y, r.Right, r.Y, lineWidth));
            _lines.Add(new LineMm(r.Right, r.Y, r.Right, r.Bottom, lineWidth));
            _lines.Add(new LineMm(r.Right, r.Bottom, r.X, r.Bottom, lineWidth));
            _lines.Add(new LineMm(r.X, r.Bottom, r.X, r.Y, lineWidth));
        }

        private void FinishPage() => _pages.Add(new SheetLayout(_pages.Count + 1, [], _boxes, _texts, _lines) { Seal = _seal });
    }
}
