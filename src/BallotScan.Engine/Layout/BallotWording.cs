using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Layout;

/// <summary>The printed wording of a ballot: instructions (填写说明) that follow the election type and its rule settings.</summary>
public static class BallotWording
{
    /// <summary>"主任（应选1名）".</summary>
    public static string ContestHeading(ContestLayout contest)
    {
        ArgumentNullException.ThrowIfNull(contest);
        return $"{contest.Title}（应选{contest.Seats}名）";
    }

    /// <summary>The title printed at the top of the ballot: the definition's title, ending in 选票 as every ballot's does
    /// ("某某村第十二届村民委员会选举选票"); a title that already says 选票 is printed as it is.</summary>
    public static string Title(ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var title = definition.Title.Trim();
        return title.EndsWith("选票", StringComparison.Ordinal) ? title : title + "选票";
    }

    /// <summary>The body whose seal the ballot and the report bear: 村(居)民选举委员会, or the party organisation.</summary>
    public static string Committee(ElectionType type) => type switch
    {
        ElectionType.PartyCommittee => "党组织",
        ElectionType.ResidentsCommittee => "居民选举委员会",
        _ => "村民选举委员会",
    };

    /// <summary>The label of the seal area (印章区): the body whose seal makes the ballot one issued at the venue.</summary>
    public static string SealLabel(ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Committee(definition.Type) + "盖章处";
    }

    public const string WriteInLabel = "另选他人";

    /// <summary>
    /// The label over a name cell: 另选他人 beside listed candidates; in a contest with none (无候选人选举) the cells are the
    /// ballot's own name lines, 第1人, 第2人 ….
    /// </summary>
    public static string CellLabel(ContestLayout contest, int position)
    {
        ArgumentNullException.ThrowIfNull(contest);
        return contest.Candidates.Count == 0 ? $"第{position}人" : WriteInLabel;
    }
    public const string BoxRowLabel = "表决符号";
    public const string NameRowLabel = "姓名";

    /// <summary>The numbered instructions printed under the title.</summary>
    /// <summary>What the four QR codes hold, said on every ballot: the election, the layout and the page (<see cref="QrPayload"/>), nothing about the voter.</summary>
    public const string QrSentence = "四角的二维码只标明本次选举、选票版式和页码，供计票时识别，不含任何投票人的信息。";

    public static IReadOnlyList<string> Instructions(ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var rules = definition.RuleProfile;
        var approve = rules.CheckMark == CheckMarkMeaning.Approve ? "画“○”或“√”" : "画“○”";
        var listed = definition.Contests.Where(c => !c.OpenNomination).ToList();
        var hasWriteIns = listed.Any(c => c.WriteIns > 0);
        var lines = new List<string>();
        if (definition.Contests.Any(c => c.OpenNomination))
        {
            // 无候选人选举: the voter writes each name, one per cell.
            var scope = listed.Count == 0 ? "本选票不列候选人" : "不列候选人的职位";
            var alone = rules.WriteInWithoutCircle == WriteInWithoutCircle.Approve ? "只写姓名、未画符号的，也视为赞成。" : string.Empty;
            lines.Add($"{scope}：在“{NameRowLabel}”栏内写上你所选的人的姓名，每栏写一人，并在其上方的方格内{approve}。{alone}");
        }

        if (listed.Count > 0)
        {
            lines.Add($"赞成的，在候选人姓名上方的方格内{approve}；不赞成的，画“×”；弃权的，不画任何符号。");
        }

        if (hasWriteIns)
        {
            lines.Add($"另选他人的，在“{WriteInLabel}”栏内写上其姓名，并在其上方的方格内{approve}。");
        }

        var what = listed.Count == 0 ? "所选的人数" : hasWriteIns ? "所赞成的人数（含另选他人）" : "所赞成的人数";
        var consequence = rules.OverVoteScope == OverVoteScope.WholeBallot ? "多于应选名额的，本选票无效" : "多于应选名额的，该职位选票无效";
        lines.Add($"每个职位{what}不得多于应选名额，{consequence}。");
        lines.Add(rules.CheckMark == CheckMarkMeaning.Approve
            ? "符号要准确，书写要清楚；请勿在选票上作其他标记。"
            : "只能用“○”和“×”两种符号，符号要准确，书写要清楚；请勿在选票上作其他标记。");
        lines.Add(QrSentence);
        return lines.Select((line, i) => $"{i + 1}. {line}").ToList();
    }

    /// <summary>The subtitle: where and when.</summary>
    public static string Subtitle(ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var place = (definition.Place.Township + definition.Place.Village).Trim();
        var date = definition.Date == default ? string.Empty : $"{definition.Date.Year}年{definition.Date.Month}月{definition.Date.Day}日";
        return string.Join("　", new[] { place, date }.Where(s => s.Length > 0));
    }
}

/// <summary>A width estimate for laying out text without a font: full-width (CJK) characters are 1 em, others about half.</summary>
public static class TextMetrics
{
    public const double MillimetresPerPoint = 25.4 / 72;

    /// <summary>The width of <paramref name="text"/> in ems.</summary>
    public static double WidthEm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EnumerateRunes().Sum(r => r.Value >= 0x2E80 || r.Value is >= 0x2018 and <= 0x201D ? 1.0 : 0.55);
    }

    /// <summary>The largest size up to <paramref name="maxPt"/> at which <paramref name="text"/> fits in <paramref name="widthMm"/>.</summary>
    public static double FitSize(string text, double widthMm, double maxPt)
    {
        var em = WidthEm(text);
        return em <= 0 ? maxPt : Math.Min(maxPt, Math.Floor(widthMm / (em * MillimetresPerPoint) * 2) / 2);
    }

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="widthMm"/> at <paramref name="sizePt"/>.</summary>
    public static IReadOnlyList<string> Wrap(string text, double widthMm, double sizePt)
    {
        ArgumentNullException.ThrowIfNull(text);
        var maxEm = widthMm / (sizePt * MillimetresPerPoint);
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        var em = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = WidthEm(rune.ToString());
            if (em + w > maxEm && line.Length > 0)
            {
                lines.Add(line.ToString());
                (line, em) = (new System.Text.StringBuilder(), 0.0);
            }

            line.Append(rune.ToString());
            em += w;
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
