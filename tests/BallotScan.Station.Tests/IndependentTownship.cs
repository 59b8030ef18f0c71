using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace BallotScan.Station.Tests;

/// <summary>
/// The township's figures computed here, independently of the township station: from each archive's own definition.json and
/// result.json, read as JSON (no BallotScan type reads them), by the readings docs/township.md states. Each figure is keyed
/// by the column of the workbook's summary that should hold it, written as the workbook writes numbers.
/// </summary>
internal static class IndependentTownship
{
    /// <summary>What one archive says.</summary>
    public sealed record Counted(string Township, string Village, string Type, string Election, string FirstRound, int Round, string Date, int? Due, int? Voted, bool Valid, int Seats, int Filled, List<JsonNode> Elected);

    public static Counted Read(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        JsonNode Entry(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            return JsonNode.Parse(stream)!;
        }

        var definition = Entry("definition.json");
        var result = Entry("result.json");
        var tally = result["adjudicated"]!;
        var figures = tally["figures"]!;
        var id = definition["id"]!.GetValue<string>();
        return new Counted(definition["place"]!["township"]!.GetValue<string>(), definition["place"]!["village"]!.GetValue<string>(), definition["type"]!.GetValue<string>(), id,
            definition["firstRound"]?.GetValue<string>() ?? id, definition["roundNumber"]?.GetValue<int>() ?? 1, definition["date"]!.GetValue<string>(),
            figures["due"]?.GetValue<int>(), figures["voted"]?.GetValue<int>() ?? figures["returned"]?.GetValue<int>(), tally["electionValid"]!.GetValue<bool>(),
            tally["contests"]!.AsArray().Sum(c => c!["seats"]!.GetValue<int>()), tally["contests"]!.AsArray().Sum(c => c!["outcome"]?["elected"]?.AsArray().Count ?? 0),
            [.. result["elected"]!.AsArray().Select(p => p!)]);
    }

    public static string Name(JsonNode person) => person["name"]!.GetValue<string>();

    private static string? Text(JsonNode person, string field) => person[field]?.GetValue<string>();

    /// <summary>The three bodies as the workbook names them, and the definition types each gathers.</summary>
    public static readonly (string Name, string[] Types)[] Bodies =
    [
        ("党组织", ["partyCommittee"]),
        ("村（居）民委员会", ["villagersCommittee", "residentsCommittee"]),
        ("村（居）务监督委员会", ["supervisionCommittee"]),
    ];

    private static readonly (string Value, string Name)[] s_education =
    [
        ("postgraduate", "研究生"), ("undergraduate", "大学本科"), ("college", "大学专科"), ("seniorSecondary", "高中（中专）"), ("juniorSecondary", "初中"), ("primaryOrBelow", "小学及以下"),
    ];

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(int count, int of) => of == 0 ? string.Empty : Math.Round(100.0 * count / of, 1, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);

    /// <summary>The 书记 of a village: elected on the ballot (post 书记), else as the township entered it; null when neither.</summary>
    public static string? Secretary(IEnumerable<Counted> village, string? entered) =>
        village.Where(c => c.Type == "partyCommittee").SelectMany(c => c.Elected).Where(p => Text(p, "post") == "书记").Select(Name).FirstOrDefault() ?? entered;

    public static string? Director(IEnumerable<Counted> village) =>
        village.Where(c => Bodies[1].Types.Contains(c.Type)).SelectMany(c => c.Elected).Where(p => Text(p, "post") == "主任").Select(Name).FirstOrDefault();

    /// <summary>Each body's members in a village, each person once.</summary>
    public static List<JsonNode> Members(IEnumerable<Counted> village, string[] types) =>
        [.. village.Where(c => types.Contains(c.Type)).SelectMany(c => c.Elected).DistinctBy(Name)];

    /// <summary>The summary's figures for the villages of <paramref name="counts"/>, with the 书记 entered by village.</summary>
    public static Dictionary<string, string> Summary(IReadOnlyList<Counted> counts, IReadOnlyDictionary<(string, string), string> entered)
    {
        var villages = counts.GroupBy(c => (c.Township, c.Village)).ToList();
        var figures = new Dictionary<string, string>(StringComparer.Ordinal) { ["村（社区）数"] = N(villages.Count) };
        void Turnout(string[] types, string due, string voted, string rate)
        {
            var first = counts.Where(c => types.Contains(c.Type) && c.Round == 1 && c.Due is > 0 && c.Voted is not null).ToList();
            figures[due] = N(first.Sum(c => c.Due!.Value));
            figures[voted] = N(first.Sum(c => c.Voted!.Value));
            figures[rate] = Percent(first.Sum(c => c.Voted!.Value), first.Sum(c => c.Due!.Value));
        }

        Turnout(Bodies[1].Types, "登记选民", "参加投票", "参选率（%）");
        Turnout(Bodies[0].Types, "应到会党员", "参加投票党员", "党员参会率（%）");
        foreach (var (body, types) in Bodies)
        {
            var elections = counts.Where(c => types.Contains(c.Type)).GroupBy(c => c.FirstRound).ToList();
            var onTheDay = elections.Count(e => e.Single(r => r.Round == 1) is var first && e.Where(r => r.Valid && r.Date == first.Date).Sum(r => r.Filled) >= first.Seats);
            var inFirst = elections.Count(e => e.Single(r => r.Round == 1) is { Valid: true } first && first.Filled >= first.Seats);
            figures[$"{body}选举数"] = N(elections.Count);
            figures[$"{body}一次选举成功数"] = N(onTheDay);
            figures[$"{body}一次选举成功率（%）"] = Percent(onTheDay, elections.Count);
            figures[$"{body}第一轮选足数"] = N(inFirst);

            var people = villages.SelectMany(v => Members(v, types)).ToList();
            var ages = people.Where(p => p["age"] is not null).Select(p => p["age"]!.GetValue<int>()).ToList();
            int Count(Func<JsonNode, bool> has) => people.Count(has);
            var women = Count(p => Text(p, "gender") == "female");
            var gendered = Count(p => Text(p, "gender") is "female" or "male");
            var reelected = Count(p => Text(p, "tenure") == "reelected");
            var tenure = Count(p => Text(p, "tenure") is not null);
            var educated = Count(p => Text(p, "education") is not null);
            var college = Count(p => Text(p, "education") is "postgraduate" or "undergraduate" or "college");
            figures[$"{body}当选人数"] = N(people.Count);
            figures[$"{body}女性"] = N(women);
            figures[$"{body}女性（%）"] = Percent(women, gendered);
            figures[$"{body}中共党员"] = N(Count(p => Text(p, "political") is "partyMember" or "probationaryPartyMember"));
            figures[$"{body}少数民族"] = N(Count(p => Text(p, "ethnicity") is { Length: > 0 } e && e != "汉族"));
            figures[$"{body}连任"] = N(reelected);
            figures[$"{body}新任"] = N(tenure - reelected);
            figures[$"{body}平均年龄"] = ages.Count == 0 ? string.Empty : Math.Round(ages.Average(), 1, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
            figures[$"{body}35岁及以下"] = N(ages.Count(a => a <= 35));
            figures[$"{body}36至45岁"] = N(ages.Count(a => a is >= 36 and <= 45));
            figures[$"{body}46至55岁"] = N(ages.Count(a => a is >= 46 and <= 55));
            figures[$"{body}56至60岁"] = N(ages.Count(a => a is >= 56 and <= 60));
            figures[$"{body}61岁及以上"] = N(ages.Count(a => a >= 61));
            figures[$"{body}35岁及以下（%）"] = Percent(ages.Count(a => a <= 35), ages.Count);
            foreach (var (value, name) in s_education)
            {
                figures[$"{body}{name}"] = N(Count(p => Text(p, "education") == value));
            }

            figures[$"{body}大专及以上（%）"] = Percent(college, educated);
        }

        var oneShoulder = 0;
        var unknown = 0;
        var (cross, two, residents) = (0, 0, 0);
        foreach (var v in villages)
        {
            var secretary = Secretary(v, entered.GetValueOrDefault(v.Key));
            var director = Director(v);
            oneShoulder += secretary is not null && secretary == director ? 1 : 0;
            unknown += secretary is null || director is null ? 1 : 0;
            var party = Members(v, Bodies[0].Types).Select(Name).ToHashSet();
            var committee = Members(v, Bodies[1].Types).Select(Name).ToHashSet();
            cross += party.Intersect(committee).Count();
            two += party.Union(committee).Count();
            residents += committee.Count;
        }

        figures["一肩挑村数"] = N(oneShoulder);
        figures["一肩挑比例（%）"] = Percent(oneShoulder, villages.Count);
        figures["书记或主任未定村数"] = N(unknown);
        figures["交叉任职人数"] = N(cross);
        figures["两委成员数"] = N(two);
        figures["交叉任职占两委成员（%）"] = Percent(cross, two);
        figures["村（居）民委员会成员数"] = N(residents);
        figures["交叉任职占村（居）委会成员（%）"] = Percent(cross, residents);
        return figures;
    }
}
