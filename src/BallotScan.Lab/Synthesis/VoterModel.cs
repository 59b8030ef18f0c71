using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Synthesis;

/// <summary>A voter's intent for one box, before any drawing: the symbol and any write-in name.</summary>
internal sealed record BoxIntent(MarkingBox Box, MarkSymbol Symbol, string? WriteInName, bool Corrected, bool Strays);

/// <summary>Decides how a synthetic voter fills a ballot page: approvals, disapprovals, abstentions, write-ins, mistakes.</summary>
internal static class VoterModel
{
    /// <summary>People who are not on the ballot, for write-ins.</summary>
    private static readonly string[] s_otherPeople = ["林志强", "郭秀兰", "何建军", "罗丽华", "高明", "梁淑贞", "宋国平", "郑海燕", "谢文斌", "韩雪"];

    /// <summary>The villagers written in where nobody is listed (无候选人选举): twelve people.</summary>
    public static IReadOnlyList<string> Villagers { get; } = [.. s_otherPeople, "陈立新", "周桂英"];

    public static List<BoxIntent> Fill(BallotLayout layout, SheetLayout page, SynthesisOptions o, Random random)
    {
        var intents = new List<BoxIntent>();
        var blank = random.NextDouble() < o.BlankBallotRate;
        foreach (var contest in page.Boxes.GroupBy(b => b.ContestId))
        {
            var definition = layout.Contests.First(c => c.Id == contest.Key);
            var candidates = contest.Where(b => b.Kind == BoxKind.Candidate).ToList();
            var writeIns = contest.Where(b => b.Kind == BoxKind.WriteIn).ToList();
            if (blank)
            {
                intents.AddRange(contest.Select(b => new BoxIntent(b, MarkSymbol.Blank, null, false, false)));
                continue;
            }

            var approvals = random.NextDouble() < o.FullApprovalRate ? definition.Seats : random.Next(0, definition.Seats + 1);
            if (candidates.Count == 0)
            {
                intents.AddRange(Named(writeIns, approvals, o, random));
                continue;
            }

            if (random.NextDouble() < o.OverVoteRate)
            {
                approvals = definition.Seats + 1;
            }

            var writeIn = writeIns.Count > 0 && random.NextDouble() < o.WriteInRate;
            var approvedListed = Math.Min(candidates.Count, writeIn ? Math.Max(0, approvals - 1) : approvals);
            var approved = o.Popularity is { } popularity
                ? Preferred(candidates, popularity, approvedListed, random)
                : candidates.OrderBy(_ => random.Next()).Take(approvedListed).ToHashSet();
            foreach (var box in candidates)
            {
                var symbol = approved.Contains(box) ? Approve(o, random)
                    : random.NextDouble() < o.AbstainRate ? MarkSymbol.Blank : MarkSymbol.Cross;
                intents.Add(Decorate(new BoxIntent(box, symbol, null, false, false), o, random));
            }

            for (var w = 0; w < writeIns.Count; w++)
            {
                var box = writeIns[w];
                if (!writeIn || w > 0)
                {
                    intents.Add(new BoxIntent(box, MarkSymbol.Blank, null, false, false));
                    continue;
                }

                var name = random.NextDouble() < o.WriteInListedNameRate
                    ? definition.Candidates[random.Next(definition.Candidates.Count)]
                    : s_otherPeople[random.Next(s_otherPeople.Length)];
                var symbol = random.NextDouble() < o.WriteInWithoutCircleRate ? MarkSymbol.Blank : MarkSymbol.Circle;
                intents.Add(Decorate(new BoxIntent(box, symbol, name, false, false), o, random));
            }
        }

        return intents;
    }

    /// <summary>
    /// A contest without candidates (无候选人选举): <paramref name="count"/> villagers, each written in a cell of their own
    /// (chosen by <see cref="SynthesisOptions.Popularity"/> where given), with ○ or, now and then, the name alone.
    /// </summary>
    private static IEnumerable<BoxIntent> Named(List<MarkingBox> cells, int count, SynthesisOptions o, Random random)
    {
        var popularity = o.Popularity ?? Villagers.ToDictionary(n => n, _ => 1.0);
        var left = Villagers.ToList();
        for (var w = 0; w < cells.Count; w++)
        {
            if (w >= count || left.Count == 0)
            {
                yield return new BoxIntent(cells[w], MarkSymbol.Blank, null, false, false);
                continue;
            }

            var k = Draw([.. left.Select(n => popularity.GetValueOrDefault(n, 1))], random);
            var name = left[k];
            left.RemoveAt(k);
            var symbol = random.NextDouble() < o.WriteInWithoutCircleRate ? MarkSymbol.Blank : MarkSymbol.Circle;
            yield return Decorate(new BoxIntent(cells[w], symbol, name, false, false), o, random);
        }
    }

    /// <summary><paramref name="count"/> of <paramref name="candidates"/>, each drawn in proportion to its popularity among those left.</summary>
    private static HashSet<MarkingBox> Preferred(List<MarkingBox> candidates, IReadOnlyDictionary<string, double> popularity, int count, Random random)
    {
        var left = candidates.ToList();
        var chosen = new HashSet<MarkingBox>();
        while (chosen.Count < count && left.Count > 0)
        {
            var k = Draw([.. left.Select(b => popularity.GetValueOrDefault(b.CandidateName ?? string.Empty, 1))], random);
            chosen.Add(left[k]);
            left.RemoveAt(k);
        }

        return chosen;
    }

    /// <summary>An index drawn in proportion to <paramref name="weights"/> (a negative weight counts as none).</summary>
    private static int Draw(IReadOnlyList<double> weights, Random random)
    {
        var draw = random.NextDouble() * weights.Sum(w => Math.Max(0, w));
        var k = 0;
        while (k < weights.Count - 1 && (draw -= Math.Max(0, weights[k])) > 0)
        {
            k++;
        }

        return k;
    }

    private static MarkSymbol Approve(SynthesisOptions o, Random random) =>
        random.NextDouble() < o.CheckInsteadOfCircleRate ? MarkSymbol.Check : MarkSymbol.Circle;

    private static BoxIntent Decorate(BoxIntent intent, SynthesisOptions o, Random random)
    {
        if (intent.Symbol == MarkSymbol.Blank)
        {
            return intent;
        }

        if (random.NextDouble() < o.OtherMarkRate)
        {
            return intent with { Symbol = MarkSymbol.Other };
        }

        if (random.NextDouble() < o.CorrectionRate)
        {
            return intent with { Symbol = MarkSymbol.Other, Corrected = true };
        }

        return random.NextDouble() < o.StrayRate ? intent with { Strays = true } : intent;
    }
}
