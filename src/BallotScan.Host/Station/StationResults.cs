using BallotScan.Engine.Problems;
using System.Text.Json;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Host.Station;

/// <summary>A count computed for one state of the database, the decisions it was made with (checked), and its files, made when first asked for.</summary>
internal sealed record CachedCount(string Version, Counted Count, IReadOnlyList<StoredDecision> Decisions)
{
    public Lazy<IReadOnlyDictionary<string, byte[]>> Files { get; } = new(Count.Files);
}

/// <summary>The count as it stands (计票结果): computed from every reading, the decisions in effect and the hand tally, again only when one of them changed; marked official; archived.</summary>
internal sealed class StationResults(StationContext context, StationHandTally handTally, Func<IReadOnlyList<RoundOutcome>> earlierRounds) : StationTask(context)
{
    private CachedCount? _cache;

    /// <summary>The count as marked official, or null while it is not.</summary>
    public OfficialMark? Official => Context.Official;

    /// <summary>
    /// The chief scrutineer (总监票人) marks the count official: only when every file is read, nothing waits for the
    /// scrutineers (no sheet, no confirmation) and the hand count has been entered and agrees with the machine count line by
    /// line. After that nothing changes it; the report says so.
    /// </summary>
    /// <exception cref="StationException">What still stands in the way, all of it.</exception>
    public OfficialMark MarkOfficial(string chief)
    {
        Context.EnsureNotOfficial();
        var count = Count();
        // Each reason in both languages: the refusal says all of them in one language, then all in the other.
        var missing = new List<Said>();
        if (Store.Progress().Queued > 0)
        {
            missing.Add(new Said("还有文件没有读完"));
        }

        if (count.Result.ReviewList.Count > 0)
        {
            missing.Add(new Said("还有 {0} 张选票待裁定", count.Result.ReviewList.Count));
        }

        if (Decisions().Any(d => d.AwaitingConfirmation))
        {
            missing.Add(new Said("还有裁定待第二位监票人复核"));
        }

        if (count.Reconciliation is not { } r)
        {
            missing.Add(new Said("尚未录入手工计票"));
        }
        else if (!r.Agrees)
        {
            missing.Add(new Said("手工计票与机器计票有 {0} 行不一致", r.Differences.Count));
        }

        if (missing.Count > 0)
        {
            throw new StationException(new Said("还不能确认为正式结果：{0}。", missing));
        }

        var mark = new OfficialMark(chief, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Store.MetaOnce("official", JsonSerializer.Serialize(mark, ElectionJson.CompactOptions), AuditFacts.Row(chief, AuditEvent.CountOfficial, null));
        _cache = null;
        return Context.Official!;
    }

    /// <summary>
    /// The 另行选举 the official result calls for (seats left empty), as <c>election next-round</c> draws it: who stands and
    /// its definition; or why there is none. <paramref name="stand"/>: who stands among those tied, as the meeting decided.
    /// </summary>
    /// <exception cref="StationException">The result is not official yet.</exception>
    public (NextRound? Round, IReadOnlyList<NextRoundProblem> Problems) NextRound(IReadOnlyCollection<string>? stand = null)
    {
        if (Official is null)
        {
            throw new StationException(new Said("计票结果确认为正式结果之后，才能据以另行选举。"));
        }

        return SupplementaryRound.From(Definition, Count().Result.Adjudicated, stand);
    }

    /// <summary>The chief scrutineer takes the 另行选举's definition: its audit row says which round and who stands.</summary>
    public NextRound? DrawNextRound(string chief, IReadOnlyCollection<string>? stand, out IReadOnlyList<NextRoundProblem> problems)
    {
        var (round, why) = NextRound(stand);
        problems = why;
        if (round is not null)
        {
            Store.Audit(AuditFacts.Row(chief, AuditEvent.NextRoundDrawn, new NextRoundDrawn(round.Definition.Id, round.Definition.RoundNumber ?? 2,
                [.. round.Contests.Select(c => $"{c.Title}: {string.Join("、", c.Standing.Select(x => x.Name))}")])));
        }

        return round;
    }

    /// <summary>This round as the last round's report lists it: who it elected, post by post, and its archive's root.</summary>
    public RoundOutcome Outcome() =>
        ElectionRounds.Of(Definition, Count().Result.Adjudicated, System.Text.Encoding.UTF8.GetString(CountFiles()["archive-root.txt"]).Trim());

    /// <summary>The election's rounds before this one, kept at this station (each official): the report lists who each elected.</summary>
    public IReadOnlyList<RoundOutcome> EarlierRounds => Count().EarlierRounds;

    /// <summary>Writes the archive of the count as it stands (the same as `./ballotscan archive export` of a count folder).</summary>
    public ArchiveManifest ExportArchive(string path)
    {
        var current = Current();
        var records = ArchiveWriter.Records(current.Count.Sheets, current.Count.Decisions);
        return CountArchive.Write(current.Files.Value, records, r => Store.FileBytes(r.ImageSha256) ?? throw new InvalidDataException($"The image {r.ImageSha256} is missing."), path);
    }

    /// <summary>
    /// The stored decisions, each with what makes it impossible to apply (its stored values, or its sheet), if anything:
    /// such a row is shown as it is and never counted. Made once per change of the count.
    /// </summary>
    public IReadOnlyList<StoredDecision> Decisions() => Current().Decisions;

    private List<StoredDecision> CheckedDecisions(Dictionary<string, SheetInterpretation> sheets) =>
        [.. Store.Decisions().Select(d =>
        {
            var problem = d.Problem ?? (sheets.TryGetValue(d.Decision.Sheet, out var sheet) ? StationReview.Problem(Layout, sheet, d.Decision) : new Said("没有这张选票（{0}）。", d.Decision.Sheet));
            return problem == d.Problem ? d : d with { Problem = problem };
        })];

    /// <summary>The count as it stands: every sheet read, the decisions in effect and the hand tally. Computed again only when one of them changed.</summary>
    public Counted Count() => Current().Count;

    /// <summary>The count's files as `./ballotscan count` writes them (report PDF, CSV, records, …), made once per change of the count.</summary>
    public IReadOnlyDictionary<string, byte[]> CountFiles() => Current().Files.Value;

    private CachedCount Current()
    {
        var version = Store.CountVersion();
        if (_cache is { } cached && cached.Version == version)
        {
            return cached;
        }

        var sheets = Store.Sheets().Select(s => JsonSerializer.Deserialize<SheetInterpretation>(s.Interpretation, ElectionJson.CompactOptions)!).ToList();
        var stored = CheckedDecisions(sheets.DistinctBy(s => s.SheetId).ToDictionary(s => s.SheetId, StringComparer.Ordinal));
        var issued = Store.Batches().Where(b => b.Issued is not null).ToDictionary(b => b.Name, b => b.Issued!.Value, StringComparer.Ordinal);
        var counted = Counted.Compute(Definition, Context.DefinitionJson, Layout, sheets, [.. stored.Where(d => d.Effective).Select(d => d.Decision)], handTally.HandTallyLines(), issued)
            with
            {
                Official = Context.Official is { } o ? $"正式结果：经总监票人 {o.By} 于 {Shown.Time(o.At)}（北京时间）确认，此后不得更改。" : null,
                EarlierRounds = earlierRounds(),
            };
        return _cache = new CachedCount(version, counted, stored);
    }
}
