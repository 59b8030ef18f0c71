using System.Globalization;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Township;
using BallotScan.Host.Counting;
using BallotScan.Host.Text;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace BallotScan.Host.Township;

/// <summary>
/// The township's 换届情况统计表 as a workbook for Excel and WPS (through MiniExcel), figures as numbers: 汇总 (one row per
/// township, then all of them), 各村 (one row per village), 当选人 (one row per person elected, with the archive that holds
/// the ballots behind it) and 说明 (how each figure is read). In Chinese: it is the office's form.
/// </summary>
internal static class TownshipWorkbook
{
    private static readonly Lang s_chinese = new(English: false);

    public static class Sheets
    {
        public const string Summary = "汇总";
        public const string Villages = "各村";
        public const string People = "当选人";
        public const string Notes = "说明";
    }

    /// <summary>The name of the row of every township together.</summary>
    public const string AllTownships = "合计";

    /// <summary>A share as a percentage, one decimal; empty while its base is zero.</summary>
    public static double? Percent(Share share) => share.Value is { } v ? Math.Round(v * 100, 1, MidpointRounding.AwayFromZero) : null;

    private static string CommitteeName(Committee committee) => Words.Committee(s_chinese, committee);

    public static byte[] Write(TownshipReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Sheets.Summary] = report.Townships.Append(report.All).Select(Summary).ToList(),
            [Sheets.Villages] = report.Villages.Select(Village).ToList(),
            [Sheets.People] = report.Villages.SelectMany(People).ToList(),
            [Sheets.Notes] = Notes.Select(n => CountWorkbook.Row(("说明", n))).ToList(),
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    /// <summary>How the figures are read (what the sheets' own headers cannot say).</summary>
    public static IReadOnlyList<string> Notes { get; } =
    [
        "一次选举成功：选举日当天（第一轮及当天的另行选举）选足全部应选名额；另设“第一轮选足”供按第一轮口径统计。只计各轮档案齐全的选举。",
        "参选率：村（居）民委员会选举第一轮的参加投票人数 ÷ 登记选民数；党员参会率：党组织选举第一轮参加投票的党员 ÷ 应到会党员。",
        "一肩挑：村党组织书记同时当选村（居）民委员会主任的村 ÷ 村数；书记由党员大会直接选举的取自选票，由新一届委员会选举的由乡镇录入；书记或主任未定的村不计为一肩挑，另列其数。",
        "交叉任职：同时当选党组织委员会和村（居）民委员会成员的人数；分别除以两委成员数（每人计一次）和村（居）民委员会成员数，两种分母均列出。",
        "结构：性别、政治面貌、民族、连任/新任、年龄、文化程度各按已填写该项的当选人计算比例；年龄为选举日的周岁。",
        "每一行当选人均注明其选票档案的 Merkle 根（结果报告单上所印校验值），可据此核查选票图像。",
    ];

    private static Dictionary<string, object?> Summary(AreaFigures a)
    {
        var cells = new List<(string, object?)>
        {
            ("乡镇", a.Township ?? AllTownships),
            ("村（社区）数", a.Villages),
            ("登记选民", a.Turnout.Of),
            ("参加投票", a.Turnout.Count),
            ("参选率（%）", Percent(a.Turnout)),
            ("应到会党员", a.PartyTurnout.Of),
            ("参加投票党员", a.PartyTurnout.Count),
            ("党员参会率（%）", Percent(a.PartyTurnout)),
        };
        foreach (var c in a.Committees)
        {
            var name = CommitteeName(c.Committee);
            cells.Add(($"{name}选举数", c.Elections));
            cells.Add(($"{name}一次选举成功数", c.FilledOnTheDay.Count));
            cells.Add(($"{name}一次选举成功率（%）", Percent(c.FilledOnTheDay)));
            cells.Add(($"{name}第一轮选足数", c.FilledInFirstRound.Count));
        }

        cells.AddRange(
        [
            ("一肩挑村数", a.OneShoulder.Count),
            ("一肩挑比例（%）", Percent(a.OneShoulder)),
            ("书记或主任未定村数", a.OneShoulderUnknown),
            ("交叉任职人数", a.CrossOfTwoCommittees.Count),
            ("两委成员数", a.CrossOfTwoCommittees.Of),
            ("交叉任职占两委成员（%）", Percent(a.CrossOfTwoCommittees)),
            ("村（居）民委员会成员数", a.CrossOfResidentsCommittee.Of),
            ("交叉任职占村（居）委会成员（%）", Percent(a.CrossOfResidentsCommittee)),
        ]);
        foreach (var c in a.Committees)
        {
            var name = CommitteeName(c.Committee);
            var s = c.Structure;
            cells.Add(($"{name}当选人数", s.Members));
            cells.Add(($"{name}女性", s.Women.Count));
            cells.Add(($"{name}女性（%）", Percent(s.Women)));
            cells.Add(($"{name}中共党员", s.PartyMembers.Count));
            cells.Add(($"{name}少数民族", s.Minorities.Count));
            cells.Add(($"{name}连任", s.Reelected.Count));
            cells.Add(($"{name}新任", s.Reelected.Of - s.Reelected.Count));
            cells.Add(($"{name}平均年龄", s.AverageAge is { } age ? Math.Round(age, 1, MidpointRounding.AwayFromZero) : null));
            foreach (var band in Enum.GetValues<AgeBand>())
            {
                cells.Add(($"{name}{AgeBandName(band)}", s.AgeBands[(int)band]));
            }

            cells.Add(($"{name}35岁及以下（%）", Percent(s.AgedUpTo35)));
            foreach (var e in Enum.GetValues<Education>().Reverse())
            {
                cells.Add(($"{name}{Words.Education(s_chinese, e)}", s.Education[(int)e]));
            }

            cells.Add(($"{name}大专及以上（%）", Percent(s.CollegeOrAbove)));
        }

        return CountWorkbook.Row([.. cells]);
    }

    public static string AgeBandName(AgeBand band) => band switch
    {
        AgeBand.UpTo35 => "35岁及以下",
        AgeBand.From36To45 => "36至45岁",
        AgeBand.From46To55 => "46至55岁",
        AgeBand.From56To60 => "56至60岁",
        _ => "61岁及以上",
    };

    private static string YesNo(bool? value) => value switch
    {
        true => "是",
        false => "否",
        _ => "未定",
    };

    private static Dictionary<string, object?> Village(VillageResult v)
    {
        string? Day(ProgressStep step) => v.Progress.TryGetValue(step, out var day) ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        var cells = new List<(string, object?)>
        {
            ("乡镇", v.Place.Township), ("村（社区）", v.Place.Village),
            ("选举定义确定", Day(ProgressStep.DefinitionMade)), ("选票印制校对", Day(ProgressStep.BallotsProofed)), ("结果上报", Day(ProgressStep.Reported)),
            ("正式结果", v.Elections.Count == 0 ? null : v.Official ? "是" : "否"),
        };
        foreach (var committee in Enum.GetValues<Committee>())
        {
            var name = CommitteeName(committee);
            var elections = v.Elections.Where(e => e.Committee == committee).ToList();
            var first = elections.FirstOrDefault();
            cells.Add(($"{name}选举日", first?.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            cells.Add(($"{name}轮次", first is null ? null : elections.Sum(e => e.Rounds.Count)));
            cells.Add(($"{name}应选", first is null ? null : elections.Sum(e => e.Seats)));
            cells.Add(($"{name}当选", first is null ? null : elections.Sum(e => e.Filled)));
            cells.Add(($"{name}一次选举成功", first is null ? null : YesNo(elections.All(e => e.FilledOnTheDay))));
            cells.Add(($"{name}应到", first?.First.Due));
            cells.Add(($"{name}参加投票", first?.First.Voted));
        }

        var two = v.TwoCommitteeMembers;
        cells.AddRange(
        [
            ("书记", v.Secretary),
            ("书记产生方式", v.SecretaryFrom switch
            {
                SecretarySource.ElectedOnTheBallot => "党员大会直接选举",
                SecretarySource.EnteredByTownship => "委员会选举（乡镇录入）",
                _ => "未定",
            }),
            ("主任", v.Director),
            ("一肩挑", YesNo(v.OneShoulder)),
            ("交叉任职人数", v.CrossAppointed.Count),
            ("交叉任职", string.Join("、", v.CrossAppointed)),
            ("两委成员数", two),
        ]);
        return CountWorkbook.Row([.. cells]);
    }

    private static IEnumerable<Dictionary<string, object?>> People(VillageResult v) =>
        v.Elections.SelectMany(e => e.Rounds.SelectMany(r => r.Elected.Select(p => CountWorkbook.Row(
            ("乡镇", v.Place.Township),
            ("村（社区）", v.Place.Village),
            ("组织", CommitteeName(e.Committee)),
            ("职务", p.Post),
            ("姓名", p.Name),
            ("轮次", p.Round),
            ("选举日", r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("得票", p.Votes),
            ("性别", Words.Gender(s_chinese, p.Gender)),
            ("年龄", p.Age),
            ("年龄段", p.Age is { } age ? AgeBandName(AgeBands.Of(age)) : string.Empty),
            ("文化程度", Words.Education(s_chinese, p.Education)),
            ("政治面貌", Words.Political(s_chinese, p.Political)),
            ("民族", p.Ethnicity ?? string.Empty),
            ("连任/新任", Words.Tenure(s_chinese, p.Tenure)),
            ("来源", p.Listed ? "候选人" : "另选他人"),
            ("选票档案 Merkle 根", r.ArchiveRoot)))));
}
