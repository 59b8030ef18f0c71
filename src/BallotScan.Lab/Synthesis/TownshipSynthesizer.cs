using System.Globalization;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Counting;

namespace BallotScan.Lab.Synthesis;

/// <summary>
/// A synthetic township's 换届 with ground truth: villages, each with its party committee, villagers' committee and (in some)
/// supervision committee elections; candidates with their facts (性别, 出生年月, 文化程度, 政治面貌, 民族, 连任/新任); one village's
/// seat left empty and filled by a 另行选举 the same day; one village electing without candidates (海选); a 书记 on the
/// ballot in some villages and the same person standing for 主任 in others. Every election is counted from synthetic scans
/// read by the reader, decided by the generator's truth, and archived as the venue archives it.
/// </summary>
internal static class TownshipSynthesizer
{
    private static readonly string[] s_villages = ["东湖村", "西岭村", "南山村", "北坡村", "青石村", "柳林村", "杏花村", "白水村", "红旗村", "新华村", "长乐村", "永安村", "太平村", "和平村", "富民村", "丰收村"];
    private static readonly string[] s_surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] s_given = ["建国", "秀英", "志强", "丽华", "国平", "桂兰", "海燕", "文斌", "玉梅", "春生", "立新", "淑珍", "德明", "晓东", "红梅", "振华", "雪莲", "明亮", "彩霞", "永福", "金凤", "树林", "爱民", "秋菊"];
    private static readonly string[] s_minorities = ["回族", "蒙古族", "满族", "壮族"];

    /// <summary>One archive written: its file and the election it holds.</summary>
    public sealed record Written(string Archive, ElectionDefinition Definition);

    /// <summary>
    /// Writes the archives of <paramref name="villages"/> villages (split between two townships) into <paramref name="output"/>,
    /// <paramref name="ballots"/> ballots per election. With <paramref name="scans"/> every ballot is a synthetic scan read by
    /// the reader; without, a county's volume: each ballot is the voter's intent taken as the reading (every mark sure) and a
    /// small image of its own (16 × 16 pixels), so that 2,000 ballots an election are written in seconds.
    /// </summary>
    public static IReadOnlyList<Written> Write(string output, int villages, int ballots, int seed, IProgress<int>? progress = null, bool scans = true)
    {
        Directory.CreateDirectory(output);
        var written = new List<Written>();
        for (var v = 0; v < villages; v++)
        {
            var random = new Random(seed * 1000 + v);
            var township = v % 2 == 0 ? "东湖镇" : "西岭镇";
            var village = v < s_villages.Length ? s_villages[v] : $"第{v + 1}村";
            var people = Names(random, 16);
            foreach (var definition in Definitions(township, village, v, ballots, people, random))
            {
                // Village 1's 另行选举 waits three days (a second election day); every other is held the same evening.
                written.AddRange(Count(definition, Path.Combine(output, $"{definition.Id}.zip"), ballots, seed * 1000 + v, Popularity(definition, v), laterDays: v == 1 ? 3 : 0, scans));
            }

            progress?.Report(v + 1);
        }

        return written;
    }

    /// <summary>Distinct names of a village's people.</summary>
    private static List<string> Names(Random random, int count)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            names.Add(s_surnames[random.Next(s_surnames.Length)] + s_given[random.Next(s_given.Length)]);
        }

        return [.. names];
    }

    private static Candidate Person(string name, Random random, bool partyMember) => new()
    {
        Name = name,
        Gender = random.NextDouble() < 0.3 ? Gender.Female : Gender.Male,
        Born = new YearMonth(1960 + random.Next(40), 1 + random.Next(12)),
        Education = (Education)random.Next(Enum.GetValues<Education>().Length),
        Political = partyMember || random.NextDouble() < 0.5 ? PoliticalStatus.PartyMember : PoliticalStatus.Masses,
        Ethnicity = random.NextDouble() < 0.1 ? s_minorities[random.Next(s_minorities.Length)] : "汉族",
        Tenure = random.NextDouble() < 0.5 ? Tenure.Reelected : Tenure.New,
    };

    /// <summary>The village's elections: people[0] leads the party, people[1..] the rest; some stand for both committees.</summary>
    private static IEnumerable<ElectionDefinition> Definitions(string township, string village, int v, int ballots, List<string> people, Random random)
    {
        var facts = people.Select((n, i) => Person(n, random, partyMember: i < 8)).ToList();
        var day = new DateOnly(2026, 11, 20).AddDays(v % 7);
        var id = $"t{v + 1:D2}";
        var place = new Place { Township = township, Village = village };
        Contest Post(string contestId, string title, int seats, IEnumerable<Candidate> candidates) => new() { Id = contestId, Title = title, Seats = seats, WriteIns = Math.Min(seats, 1), Candidates = [.. candidates] };

        // 党组织: every third village elects its 书记 on the ballot; the others' committee elects the 书记 afterwards.
        var partyContests = v % 3 == 0
            ? new[] { Post("secretary", "书记", 1, [facts[0], facts[7]]) with { WriteIns = 0 }, Post("member", "委员", 4, facts.Skip(1).Take(5)) }
            : [Post("member", "委员", 5, facts.Take(6))];
        yield return new ElectionDefinition
        {
            Schema = ElectionDefinition.CurrentSchema, Id = $"{id}-party", Type = ElectionType.PartyCommittee, Title = $"中共{village}支部委员会委员选举",
            Place = place, Date = day, Electorate = new Electorate { DueToAttend = ballots + 2 }, Rules = new RuleSettings { Preset = RulePresets.PartyCommittee2020 },
            Contests = partyContests,
        };

        // 村民委员会: where v is even the party's first stands for 主任 (一肩挑 when elected); two others stand for both committees.
        var director = v % 2 == 0 ? facts[0] : facts[8];
        var committee = v == 2
            ? new[]
            {
                new Contest { Id = "director", Title = "主任", Seats = 1, WriteIns = 1, OpenNomination = true },
                new Contest { Id = "deputy", Title = "副主任", Seats = 1, WriteIns = 1, OpenNomination = true },
                new Contest { Id = "member", Title = "委员", Seats = 3, WriteIns = 3, OpenNomination = true },
            }
            : [Post("director", "主任", 1, [director, facts[9]]), Post("deputy", "副主任", 1, [facts[10], facts[11]]), Post("member", "委员", 3, [facts[2], facts[3], facts[12], facts[13]])];
        yield return new ElectionDefinition
        {
            Schema = ElectionDefinition.CurrentSchema, Id = $"{id}-village", Type = ElectionType.VillagersCommittee, Title = $"{village}第十二届村民委员会选举",
            Place = place, Date = day, Electorate = new Electorate { Registered = ballots * 5 / 4 },
            Rules = v == 2 ? new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, WriteInWithoutCircle = WriteInWithoutCircle.Approve } : new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
            Contests = committee,
        };

        if (v % 4 == 1)
        {
            yield return new ElectionDefinition
            {
                Schema = ElectionDefinition.CurrentSchema, Id = $"{id}-supervision", Type = ElectionType.SupervisionCommittee, Title = $"{village}村务监督委员会选举",
                Place = place, Date = day, Electorate = new Electorate { Registered = ballots * 5 / 4 }, Rules = new RuleSettings { Preset = RulePresets.SupervisionCommittee },
                Contests = [Post("director", "主任", 1, [facts[14], facts[15]]), Post("member", "委员", 2, [facts[4], facts[5], facts[6]])],
            };
        }
    }

    /// <summary>Who the voters favour: the first candidate of each post clearly, except in village 1's 副主任, which splits evenly (a seat left to a 另行选举).</summary>
    private static Dictionary<string, double> Popularity(ElectionDefinition definition, int v)
    {
        var popularity = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var contest in definition.Contests)
        {
            foreach (var (c, i) in contest.Candidates.Select((c, i) => (c, i)))
            {
                var split = v == 1 && definition.Type == ElectionType.VillagersCommittee && contest.Id == "deputy";
                popularity[c.Name] = split ? 1 : i < contest.Seats ? 9 : 1;
            }
        }

        foreach (var (name, i) in VoterModel.Villagers.Select((n, i) => (n, i)))
        {
            popularity.TryAdd(name, 12 - i);
        }

        return popularity;
    }

    /// <summary>The ballots as synthetic scans, read by the reader; decided where it doubts by the generator's truth.</summary>
    private static (IReadOnlyList<SheetInterpretation> Read, IReadOnlyList<Adjudication> Decisions, List<SheetTruth>? Truths, Func<string, byte[]> Image) Scanned(
        ElectionDefinition definition, BallotLayout layout, SynthesisOptions options, int ballots, string corpus)
    {
        var manifest = CorpusWriter.Write(definition, options, ballots, corpus, threads: 1);
        var sheets = Path.Combine(corpus, "sheets");
        var read = Scans.ReadAll(Scans.ImageFiles(sheets)!, new BallotReader([layout], MarkClassifier.Shipped), sheets);
        var truths = manifest.Sheets.Select(e => CorpusWriter.ReadTruth(corpus, e)).ToList();
        var decisions = TruthCount.Scrutinise(read, truths.ToDictionary(t => t.Sha256, StringComparer.Ordinal), layout);
        var files = read.Where(s => s.Sha256 is not null && s.Source is not null).GroupBy(s => s.Sha256!).ToDictionary(g => g.Key, g => g.First().Source!, StringComparer.Ordinal);
        return (read, decisions, truths, sha => File.ReadAllBytes(files[sha]));
    }

    /// <summary>
    /// The ballots as the voters meant them (<see cref="VoterModel"/>), each read surely, with the names written in decided as
    /// written and an image of 16 × 16 pixels of its own: a county's volume of archives without drawing a page.
    /// </summary>
    private static (IReadOnlyList<SheetInterpretation> Read, IReadOnlyList<Adjudication> Decisions, List<SheetTruth>? Truths, Func<string, byte[]> Image) Intended(
        ElectionDefinition definition, BallotLayout layout, SynthesisOptions options, int ballots)
    {
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var read = new List<SheetInterpretation>();
        var decisions = new List<Adjudication>();
        var page = layout.Pages[0];
        for (var i = 0; i < ballots; i++)
        {
            var intents = VoterModel.Fill(layout, page, options, new Random(BallotSynthesizer.Mix(options.Seed, i, purpose: 0)));
            var pixels = new byte[16 * 16];
            BitConverter.GetBytes(i).CopyTo(pixels, 0);
            BitConverter.GetBytes(options.Seed).CopyTo(pixels, 4);
            using var tiny = Engine.Imaging.GrayImage.FromPixels(pixels, 16, 16, 16);
            var png = Engine.Imaging.ImageCodec.EncodePng(tiny);
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
            images[sha] = png;
            var sheet = new SheetInterpretation
            {
                Source = $"{i:D6}.png", Sha256 = sha, Accepted = true, ElectionId = definition.Id, BallotStyle = definition.BallotStyle, Page = page.Page, LayoutHash = layout.LayoutHash,
                Positions = [.. intents.Select(b => new PositionReading(b.Box.Id, b.Box.ContestId, b.Box.Kind, b.Symbol, 1, DecisionBand.Confident, [], [], [], [], 1, null, false))],
            };
            read.Add(sheet);
            decisions.AddRange(intents.Where(b => b.WriteInName is not null).Select(b => TruthCount.Decision(sheet.SheetId, AdjudicationKind.WriteIn, b.Box.Id, null, b.WriteInName)));
        }

        return (read, decisions, null, sha => images[sha]);
    }

    /// <summary>Counts one election (and, when seats are left empty, its 另行选举 the same day) into archives.</summary>
    private static List<Written> Count(ElectionDefinition definition, string archive, int ballots, int seed, Dictionary<string, double> popularity, int laterDays, bool scans, IReadOnlyList<RoundOutcome>? earlier = null)
    {
        var problems = ElectionValidator.Validate(definition);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{definition.Id}: {string.Join("; ", problems)}");
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        // The scans are kept until the archive holds them; the ballots of intended readings need no folder.
        var corpus = scans ? Directory.CreateTempSubdirectory("township-").FullName : null;
        Counted counted;
        string root;
        try
        {
            var options = new SynthesisOptions
            {
                Seed = seed, Popularity = popularity, FullApprovalRate = 0.9, BlankBallotRate = 0.01, OverVoteRate = 0.01,
                OtherElectionRate = 0, LayoutMismatchRate = 0, UnknownPageRate = 0, BlankSheetRate = 0, NotABallotRate = 0, RescanRate = 0, DuplicateFileRate = 0,
                SealRate = layout.Pages.Any(p => p.Seal is not null) ? 1 : 0, BilevelTiffShare = 1, Dpi = 150,
            };
            var (read, decisions, truths, image) = corpus is not null ? Scanned(definition, layout, options, ballots, corpus) : Intended(definition, layout, options, ballots);
            var party = definition.Type == ElectionType.PartyCommittee;
            var figures = new MeetingFigures { Due = party ? definition.Electorate.DueToAttend : definition.Electorate.Registered, Present = party ? ballots + 1 : null, Issued = ballots + 1, Returned = ballots };
            var hand = ResultLines.Of((truths is null ? ElectionCount.Run(definition, layout, read, decisions, figures) : TruthCount.Run(definition, layout, truths, figures)).Adjudicated);
            var json = ElectionJson.Serialize(definition);
            counted = Counted.Compute(definition, json, layout, read, decisions, hand) with
            {
                EarlierRounds = earlier ?? [],
                Official = string.Create(CultureInfo.InvariantCulture, $"经总监票人确认为正式结果（{definition.Date:yyyy-MM-dd}）"),
            };
            root = CountArchive.Write(counted.Files(), ArchiveWriter.Records(read, decisions), r => image(r.ImageSha256), archive).MerkleRoot;
        }
        finally
        {
            if (corpus is not null)
            {
                Directory.Delete(corpus, recursive: true);
            }
        }

        var written = new List<Written> { new(archive, definition) };
        var (next, _) = SupplementaryRound.From(definition, counted.Result.Adjudicated);
        if (next is not null)
        {
            // The meeting rallies behind the leader of each post left empty.
            var rally = new Dictionary<string, double>(popularity, StringComparer.Ordinal);
            foreach (var c in next.Contests)
            {
                foreach (var (x, i) in c.Standing.Select((x, i) => (x, i)))
                {
                    rally[x.Name] = i == 0 ? 9 : 1;
                }
            }

            var rounds = (earlier ?? []).Append(ElectionRounds.Of(definition, counted.Result.Adjudicated, root)).ToList();
            var round = next.Definition with { Date = next.Definition.Date.AddDays(laterDays) };
            written.AddRange(Count(round, Path.ChangeExtension(archive, null) + $"-r{round.RoundNumber}.zip", ballots, seed + 7919, rally, laterDays, scans, rounds));
        }

        return written;
    }
}
