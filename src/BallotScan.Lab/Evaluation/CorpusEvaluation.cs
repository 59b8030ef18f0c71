using System.Collections.Concurrent;
using System.Diagnostics;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;
using BallotScan.Lab.Fitting;

namespace BallotScan.Lab.Evaluation;

/// <summary>A position the reader read confidently and wrongly: the one outcome that must never happen.</summary>
public sealed record ConfidentError(int Sheet, string File, string BoxId, MarkSymbol Truth, MarkSymbol Read, double Confidence, string Detail);

/// <summary>The outcome for one capture condition (scanner or camera).</summary>
public sealed record ConditionResult
{
    public required string Conditions { get; init; }

    public int Sheets { get; init; }

    public int BallotSheets { get; init; }

    /// <summary>Positions on ballots that were read.</summary>
    public int Positions { get; init; }

    public int ConfidentlyRight { get; init; }

    public int ConfidentlyWrong { get; init; }

    /// <summary>Positions sent to a person that the truth says need one (other marks, corrections, write-ins, strays).</summary>
    public int ReviewNeeded { get; init; }

    /// <summary>Positions sent to a person although the truth is a clear ○, ×, √ or blank.</summary>
    public int ReviewAvoidable { get; init; }

    /// <summary>Ballots of this election the reader rejected (all their positions go to a person).</summary>
    public int BallotsRejected { get; init; }

    public int ForeignSheets { get; init; }

    public int ForeignRejectedRightReason { get; init; }

    public int ForeignRejectedOtherReason { get; init; }

    /// <summary>Foreign sheets the reader accepted as ballots: must be 0.</summary>
    public int ForeignAccepted { get; init; }

    public int DuplicateFiles { get; init; }

    public int DuplicateFilesFlagged { get; init; }

    /// <summary>Rescans: the same paper as an earlier sheet, a new image of it.</summary>
    public int Rescans { get; init; }

    /// <summary>Rescans the marks comparison (<see cref="RescanDetector"/>, over the corpus in order) suspected.</summary>
    public int RescansSuspected { get; init; }

    /// <summary>Other sheets it suspected (each costs the scrutineers one look at two images).</summary>
    public int OthersSuspected { get; init; }

    /// <summary>Ballots with the seal the reader flagged as without one (<see cref="ReviewReason.NoSeal"/>): a look each, avoidable.</summary>
    public int SealedFlagged { get; init; }

    /// <summary>Ballots without the seal, where the rules require one (the truth records it).</summary>
    public int Unsealed { get; init; }

    /// <summary>Ballots without the seal the reader did not send to a person: must be 0.</summary>
    public int UnsealedMissed { get; init; }

    /// <summary>Why the avoidable reviews were sent: reason → positions.</summary>
    public IReadOnlyDictionary<ReviewReason, int> AvoidableReasons { get; init; } = new Dictionary<ReviewReason, int>();

    /// <summary>Marks of a known origin (real drawings by writer and kind, drawn other marks by shape): group → outcomes.</summary>
    public IReadOnlyDictionary<string, MarkGroupResult> Groups { get; init; } = new Dictionary<string, MarkGroupResult>();

    /// <summary>On real drawings: what the ○ threshold alone could trade (null: no real drawings in the corpus).</summary>
    public CircleThresholdTrade? CircleTrade { get; init; }

    public double ReviewRate => Positions == 0 ? 0 : (ReviewNeeded + ReviewAvoidable) / (double)Positions;

    public double AvoidableReviewRate => Positions == 0 ? 0 : ReviewAvoidable / (double)Positions;
}

/// <summary>How the marks of one group were read: confidently right, confidently wrong, or sent to a person.</summary>
/// <param name="Positions">Positions of the group.</param>
/// <param name="Right">Counted without a person, and right.</param>
/// <param name="Wrong">Counted without a person, and wrong.</param>
/// <param name="Review">Sent to a person, for whatever reason.</param>
/// <param name="ReviewByMark">
/// Of <paramref name="Review"/>, those whose truth needs no person (no stray ink, no correction, no write-in, the sheet
/// needing no person for itself): sent for how the mark itself was read. Of <paramref name="Positions"/>, <see cref="ByMarkPositions"/> are such.
/// </param>
/// <param name="ByMarkPositions">Positions whose truth needs no person.</param>
public sealed record MarkGroupResult(int Positions, int Right, int Wrong, int Review, int ReviewByMark = 0, int ByMarkPositions = 0)
{
    public double ReviewRate => Positions == 0 ? 0 : Review / (double)Positions;

    /// <summary>The share of the positions whose truth needs no person that went to one all the same: the reader's own caution.</summary>
    public double ReviewByMarkRate => ByMarkPositions == 0 ? 0 : ReviewByMark / (double)ByMarkPositions;

    public static MarkGroupResult operator +(MarkGroupResult a, MarkGroupResult b) =>
        new(a.Positions + b.Positions, a.Right + b.Right, a.Wrong + b.Wrong, a.Review + b.Review, a.ReviewByMark + b.ReviewByMark, a.ByMarkPositions + b.ByMarkPositions);
}

/// <summary>
/// One real drawing's ○ score as the ○ threshold alone would judge it: its probability of ○ where nothing but that threshold
/// stands between it and being counted as ○ (read as ○, no guard, no other reason, nothing on its sheet for a person), else
/// null; and whether it is counted now.
/// </summary>
public readonly record struct CircleScore(bool RealCircle, double? Probability, bool CountedNow);

/// <summary>
/// What the ○ threshold alone could do on real drawings (issue 17): the threshold that counts none of the real "other"
/// drawings read as ○ (a reading counts only above it; null: none was read as ○), and the share of real ○ that would then go
/// to a person, beside the share now. It says how far the classifier's probability is from separating the two.
/// </summary>
public sealed record CircleThresholdTrade(int RealCircles, int OthersReadAsCircle, double? ThresholdCountingNoOther, double RealCircleReviewThen, double RealCircleReviewNow)
{
    public static CircleThresholdTrade? Of(IEnumerable<CircleScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        var circles = list.Where(s => s.RealCircle).ToList();
        var others = list.Where(s => !s.RealCircle && s.Probability is not null).Select(s => s.Probability!.Value).ToList();
        if (circles.Count == 0)
        {
            return null;
        }

        double? threshold = others.Count == 0 ? null : others.Max();
        var then = circles.Count(s => s.Probability is not { } p || (threshold is { } t && p <= t));
        return new CircleThresholdTrade(circles.Count, others.Count, threshold, then / (double)circles.Count, circles.Count(s => !s.CountedNow) / (double)circles.Count);
    }
}

/// <summary>The evaluation of the reader on a synthetic corpus.</summary>
public sealed record EvaluationReport(
    string Corpus,
    int SheetCount,
    IReadOnlyList<ConditionResult> Conditions,
    IReadOnlyList<ConfidentError> Errors,
    double Seconds,
    double MedianReadMs,
    long PeakWorkingSetBytes);

/// <summary>Runs the reader over a synthetic corpus and compares every reading with the ground truth.</summary>
public static class CorpusEvaluation
{
    /// <summary>What the reader must answer for each kind of foreign sheet.</summary>
    public static ReviewReason ExpectedRejection(SheetKind kind) => kind switch
    {
        SheetKind.OtherElection => ReviewReason.WrongElection,
        SheetKind.LayoutMismatch => ReviewReason.LayoutMismatch,
        SheetKind.UnknownPage => ReviewReason.UnknownStyleOrPage,
        SheetKind.DuplicateFile => ReviewReason.Duplicate,
        _ => ReviewReason.NotABallot,
    };

    public static EvaluationReport Run(string corpus, BallotReader reader, IProgress<int>? progress = null, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var manifest = CorpusWriter.ReadManifest(corpus);
        if (manifest.Options.Seed >= MarkCalibration.FirstCalibrationSeed)
        {
            throw new InvalidOperationException($"The corpus was made with calibration seed {manifest.Options.Seed}: evaluate on seeds below {MarkCalibration.FirstCalibrationSeed}, never on the reader's own training data.");
        }

        var files = manifest.Sheets.Select(e => Path.Combine(corpus, e.File)).ToList();
        var writeInBoxes = reader.Layouts.SelectMany(l => l.AllBoxes).Where(b => b.Kind == BoxKind.WriteIn).Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var outcomes = new (string Conditions, SheetOutcome Outcome)[files.Count];
        var errors = new ConcurrentBag<ConfidentError>();
        var readTimes = new ConcurrentBag<double>();
        var done = 0;
        long peak = 0;
        var clock = Stopwatch.StartNew();
        // Read as a count reads (one read session): each sheet judged as the count would see it, a rescan already flagged.
        new ReadSession(reader).Read(files, (index, interpretations) =>
        {
            var entry = manifest.Sheets[index];
            var truth = CorpusWriter.ReadTruth(corpus, entry);
            var interpretation = interpretations[0];
            readTimes.Add(interpretation.ReadMs);
            outcomes[index] = (truth.Capture.Conditions, Judge(truth, interpretation, writeInBoxes, errors));
            var n = ++done;
            if (n % 200 == 0)
            {
                Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet));
                progress?.Report(n);
            }
        }, threads);
        peak = Math.Max(peak, Environment.WorkingSet);
        progress?.Report(done);

        var conditions = outcomes.GroupBy(o => o.Conditions).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, g.Select(x => x.Outcome))).ToList();
        var times = readTimes.Order().ToList();
        return new EvaluationReport(corpus, manifest.SheetCount, conditions, errors.OrderBy(e => e.Sheet).ThenBy(e => e.BoxId, StringComparer.Ordinal).ToList(),
            clock.Elapsed.TotalSeconds, times.Count == 0 ? 0 : times[times.Count / 2], peak);
    }

    private sealed record SheetOutcome(SheetKind Kind, bool Accepted, bool RightRejection, int Positions, int Right, int Wrong, int Needed, int Avoidable, IReadOnlyList<ReviewReason>? AvoidableReasons = null)
    {
        /// <summary>Whether the truth has the sheet sealed (null: seals not simulated), and whether the reader flagged it unsealed.</summary>
        public (bool? Sealed, bool Flagged) Seal { get; init; }

        /// <summary>Per position of a known origin: its groups and how it was read.</summary>
        public IReadOnlyList<(string Group, MarkGroupResult Result)> Groups { get; init; } = [];

        /// <summary>Suspected of being a rescan of an earlier sheet.</summary>
        public bool Suspected { get; init; }

        /// <summary>Per real ○ or real "other" drawing: its ○ score (<see cref="CircleScore"/>).</summary>
        public IReadOnlyList<CircleScore> CircleScores { get; init; } = [];
    }

    private static SheetOutcome Judge(SheetTruth truth, SheetInterpretation read, HashSet<string> writeInBoxes, ConcurrentBag<ConfidentError> errors)
    {
        var isBallot = truth.Kind is SheetKind.Ballot or SheetKind.Rescan;
        if (!isBallot)
        {
            var rejectedRightly = !read.Accepted && read.SheetReasons.Contains(ExpectedRejection(truth.Kind));
            return new SheetOutcome(truth.Kind, read.Accepted, rejectedRightly, 0, 0, 0, 0, 0);
        }

        if (!read.Accepted)
        {
            return new SheetOutcome(truth.Kind, false, false, truth.Boxes.Count, 0, 0, 0, truth.Boxes.Count);
        }

        var boxes = truth.Boxes.ToDictionary(b => b.BoxId);
        int right = 0, wrong = 0, needed = 0, avoidable = 0;
        var avoidableReasons = new List<ReviewReason>();
        var sheetNeedsPerson = read.SheetReasons.Count > 0;
        var flaggedUnsealed = read.SheetReasons.Contains(ReviewReason.NoSeal);
        var unsealedSent = flaggedUnsealed && truth.Sealed == false;
        var rescanSent = truth.Kind == SheetKind.Rescan && read.SheetReasons.Contains(ReviewReason.PossibleRescan);
        var groups = new List<(string, MarkGroupResult)>();
        var circleScores = new List<CircleScore>();
        foreach (var position in read.Positions)
        {
            var t = boxes[position.BoxId];
            var confident = position.Band == DecisionBand.Confident && !sheetNeedsPerson;
            if (t.Writer is not null && t.Symbol is MarkSymbol.Circle or MarkSymbol.Other)
            {
                var byThresholdAlone = position.Symbol == MarkSymbol.Circle && position.Guards.Count == 0 && !sheetNeedsPerson
                    && position.Reasons.All(r => r == ReviewReason.MarginalMark);
                circleScores.Add(new CircleScore(t.Symbol == MarkSymbol.Circle, byThresholdAlone ? position.Probabilities[(int)MarkSymbol.Circle] : null, confident && position.Symbol == MarkSymbol.Circle));
            }

            var writeIn = writeInBoxes.Contains(position.BoxId);
            var truthNeedsPerson = unsealedSent || rescanSent || NeedsPersonByTruth(t, writeIn);
            // For a group: whether the mark alone decides whether a person sees it (neither its truth nor its sheet needs one).
            var byMark = !truthNeedsPerson && !sheetNeedsPerson;
            var outcome = new MarkGroupResult(1, confident && position.Symbol == t.Symbol ? 1 : 0, confident && position.Symbol != t.Symbol ? 1 : 0, confident ? 0 : 1,
                byMark && !confident ? 1 : 0, byMark ? 1 : 0);
            foreach (var group in GroupsOf(t))
            {
                groups.Add((group, outcome));
            }

            if (position.Band == DecisionBand.Review || sheetNeedsPerson)
            {
                if (truthNeedsPerson)
                {
                    needed++;
                }
                else
                {
                    avoidable++;
                    avoidableReasons.AddRange(position.Reasons.Concat(read.SheetReasons));
                }

                continue;
            }

            // Confident: it must be right, and a write-in must never pass unseen.
            if (position.Symbol == t.Symbol && !(writeIn && t.WriteInName is not null))
            {
                right++;
            }
            else
            {
                wrong++;
                errors.Add(new ConfidentError(truth.Index, truth.File, position.BoxId, t.Symbol, position.Symbol, position.Confidence,
                    $"pen {t.Pen}, strays {t.Strays}, corrected {t.Corrected}, write-in {t.WriteInName ?? "-"}, capture {truth.Capture.Conditions}/{truth.Capture.Format}"
                    + (t.Writer is null ? string.Empty : $", real drawing {t.Source} by {t.Writer}") + (t.Shape is null ? string.Empty : $", shape {t.Shape}")
                    + (position.Guards.Count == 0 ? string.Empty : $", guards {string.Join('/', position.Guards)}")));
            }
        }

        return new SheetOutcome(truth.Kind, true, true, read.Positions.Count, right, wrong, needed, avoidable, avoidableReasons) { Suspected = read.SheetReasons.Contains(ReviewReason.PossibleRescan), Groups = groups, CircleScores = circleScores, Seal = (read.SealInk is null ? null : truth.Sealed, flaggedUnsealed) };
    }

    /// <summary>
    /// Whether a person must see a box whatever the reader makes of it: a mark that is no symbol, a correction, stray ink
    /// beside it, a write-in name or anything in a write-in box.
    /// </summary>
    public static bool NeedsPersonByTruth(BoxTruth t, bool writeInBox)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Symbol == MarkSymbol.Other || t.Corrected || t.Strays || t.WriteInName is not null || (writeInBox && t.Symbol != MarkSymbol.Blank);
    }

    /// <summary>The groups a box's mark is reported in: a real drawing by its writer and by what it is, a drawn other mark by its shape.</summary>
    private static IEnumerable<string> GroupsOf(BoxTruth t)
    {
        if (t.Writer is not null)
        {
            yield return $"real {t.Symbol.ToString().ToLowerInvariant()}";
            yield return $"writer {t.Writer}";
        }

        if (t.Shape is not null)
        {
            yield return $"shape {t.Shape}";
        }
    }

    private static ConditionResult Sum(string conditions, IEnumerable<SheetOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var foreign = list.Where(o => o.Kind is not (SheetKind.Ballot or SheetKind.Rescan or SheetKind.DuplicateFile)).ToList();
        var duplicates = list.Where(o => o.Kind == SheetKind.DuplicateFile).ToList();
        var ballots = list.Where(o => o.Kind is SheetKind.Ballot or SheetKind.Rescan).ToList();
        return new ConditionResult
        {
            Conditions = conditions,
            Sheets = list.Count,
            BallotSheets = ballots.Count,
            Positions = ballots.Sum(o => o.Positions),
            ConfidentlyRight = ballots.Sum(o => o.Right),
            ConfidentlyWrong = ballots.Sum(o => o.Wrong),
            ReviewNeeded = ballots.Sum(o => o.Needed),
            ReviewAvoidable = ballots.Sum(o => o.Avoidable),
            BallotsRejected = ballots.Count(o => !o.Accepted),
            ForeignSheets = foreign.Count,
            ForeignRejectedRightReason = foreign.Count(o => o.RightRejection),
            ForeignRejectedOtherReason = foreign.Count(o => !o.Accepted && !o.RightRejection),
            ForeignAccepted = foreign.Count(o => o.Accepted),
            DuplicateFiles = duplicates.Count,
            DuplicateFilesFlagged = duplicates.Count(o => o.RightRejection),
            Rescans = list.Count(o => o.Kind == SheetKind.Rescan),
            RescansSuspected = list.Count(o => o.Kind == SheetKind.Rescan && o.Suspected),
            OthersSuspected = list.Count(o => o.Kind is not (SheetKind.Rescan or SheetKind.DuplicateFile) && o.Suspected),
            SealedFlagged = ballots.Count(o => o.Seal is (true, true)),
            Unsealed = ballots.Count(o => o.Seal.Sealed == false),
            UnsealedMissed = ballots.Count(o => o.Seal is (false, false) && o.Accepted),
            AvoidableReasons = ballots.SelectMany(o => o.AvoidableReasons ?? []).GroupBy(r => r).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            Groups = ballots.SelectMany(o => o.Groups).GroupBy(g => g.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Result).Aggregate((a, b) => a + b), StringComparer.Ordinal),
            CircleTrade = CircleThresholdTrade.Of(ballots.SelectMany(o => o.CircleScores)),
        };
    }
}
