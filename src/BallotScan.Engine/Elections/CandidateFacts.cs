using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BallotScan.Engine.Elections;

/// <summary>文化程度: the highest schooling, in the bands a 换届 report counts.</summary>
public enum Education
{
    /// <summary>小学及以下.</summary>
    PrimaryOrBelow,

    /// <summary>初中.</summary>
    JuniorSecondary,

    /// <summary>高中、中专、职高、技校.</summary>
    SeniorSecondary,

    /// <summary>大专.</summary>
    College,

    /// <summary>本科.</summary>
    Undergraduate,

    /// <summary>研究生 (硕士、博士).</summary>
    Postgraduate,
}

/// <summary>政治面貌.</summary>
public enum PoliticalStatus
{
    /// <summary>中共党员.</summary>
    PartyMember,

    /// <summary>中共预备党员.</summary>
    ProbationaryPartyMember,

    /// <summary>共青团员.</summary>
    YouthLeagueMember,

    /// <summary>民主党派成员.</summary>
    DemocraticPartyMember,

    /// <summary>无党派人士.</summary>
    NonPartisan,

    /// <summary>群众.</summary>
    Masses,
}

/// <summary>Whether a candidate sat on the committee before: 连任 or 新任.</summary>
public enum Tenure
{
    /// <summary>连任: on the outgoing committee.</summary>
    Reelected,

    /// <summary>新任: not on the outgoing committee.</summary>
    New,
}

/// <summary>出生年月: a year and a month (lists give no day, or a day nobody needs). Written "1980-05".</summary>
[JsonConverter(typeof(YearMonthConverter))]
public readonly partial record struct YearMonth(int Year, int Month)
{
    /// <summary>
    /// A birth month as lists write it: 1980-05, 1980.5, 1980/05, 1980年5月, 198005, and the same with a day (1980-05-12,
    /// 1980年5月12日, 19800512), full-width digits too. A month outside 1–12 or a year outside 1900–2100 is no birth month.
    /// </summary>
    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        var t = (text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();
        var m = Pattern().Match(t);
        if (!m.Success)
        {
            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2100 || month is < 1 or > 12)
        {
            return false;
        }

        if (m.Groups["d"].Success && !DateOnly.TryParseExact($"{year:D4}-{month:D2}-{m.Groups["d"].Value.PadLeft(2, '0')}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }

        value = new YearMonth(year, month);
        return true;
    }

    /// <summary>Whole years of age on <paramref name="date"/>, counted from the first of the birth month (the day is not kept).</summary>
    public int AgeOn(DateOnly date) => date.Year - Year - (date.Month < Month ? 1 : 0);

    /// <summary>Whether the month is after the month of <paramref name="date"/>.</summary>
    public bool IsAfter(DateOnly date) => Year > date.Year || (Year == date.Year && Month > date.Month);

    public override string ToString() => $"{Year.ToString("D4", CultureInfo.InvariantCulture)}-{Month.ToString("D2", CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"^(?<y>\d{4})(?:[-./年]\s*(?<m>\d{1,2})(?:[-./月]\s*(?:(?<d>\d{1,2})日?)?)?|(?<m>\d{2})(?<d>\d{2})?)月?$")]
    private static partial Regex Pattern();
}

/// <summary>Writes a <see cref="YearMonth"/> as "1980-05"; reads any form <see cref="YearMonth.TryParse"/> takes.</summary>
public sealed class YearMonthConverter : JsonConverter<YearMonth>
{
    public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return YearMonth.TryParse(text, out var value) ? value
            : throw new JsonException($"'{text}' is not a birth month: write it as 1980-05 (or 1980年5月).");
    }

    public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>
/// The facts about a candidate as a candidate list writes them (性别 aside), read strictly: each cell names one known value
/// or it is a problem at its row. Facts about candidates are public; nothing here is about voters.
/// </summary>
public static class CandidateFacts
{
    /// <summary>The youngest a candidate may be on the election day (有选举权和被选举权: 18 周岁).</summary>
    public const int YoungestAge = 18;

    /// <summary>An age above this is a typing error, not a person.</summary>
    public const int OldestAge = 110;

    private static readonly Dictionary<string, Education> s_education = new(StringComparer.Ordinal)
    {
        ["研究生"] = Education.Postgraduate, ["博士"] = Education.Postgraduate, ["硕士"] = Education.Postgraduate, ["博士研究生"] = Education.Postgraduate, ["硕士研究生"] = Education.Postgraduate,
        ["本科"] = Education.Undergraduate, ["大学本科"] = Education.Undergraduate, ["大学"] = Education.Undergraduate,
        ["大专"] = Education.College, ["专科"] = Education.College, ["大学专科"] = Education.College,
        ["高中"] = Education.SeniorSecondary, ["中专"] = Education.SeniorSecondary, ["职高"] = Education.SeniorSecondary, ["技校"] = Education.SeniorSecondary,
        ["中技"] = Education.SeniorSecondary, ["高中/中专"] = Education.SeniorSecondary, ["中专/高中"] = Education.SeniorSecondary, ["高中及中专"] = Education.SeniorSecondary,
        ["初中"] = Education.JuniorSecondary,
        ["小学"] = Education.PrimaryOrBelow, ["小学及以下"] = Education.PrimaryOrBelow, ["小学以下"] = Education.PrimaryOrBelow, ["文盲"] = Education.PrimaryOrBelow,
        ["半文盲"] = Education.PrimaryOrBelow,
    };

    private static readonly Dictionary<string, PoliticalStatus> s_political = new(StringComparer.Ordinal)
    {
        ["中共党员"] = PoliticalStatus.PartyMember, ["党员"] = PoliticalStatus.PartyMember, ["中国共产党党员"] = PoliticalStatus.PartyMember,
        ["中共预备党员"] = PoliticalStatus.ProbationaryPartyMember, ["预备党员"] = PoliticalStatus.ProbationaryPartyMember,
        ["共青团员"] = PoliticalStatus.YouthLeagueMember, ["团员"] = PoliticalStatus.YouthLeagueMember,
        ["民主党派"] = PoliticalStatus.DemocraticPartyMember, ["民主党派成员"] = PoliticalStatus.DemocraticPartyMember,
        ["无党派人士"] = PoliticalStatus.NonPartisan, ["无党派"] = PoliticalStatus.NonPartisan,
        ["群众"] = PoliticalStatus.Masses,
    };

    private static readonly Dictionary<string, Tenure> s_tenure = new(StringComparer.Ordinal)
    {
        ["连任"] = Tenure.Reelected, ["是"] = Tenure.Reelected, ["留任"] = Tenure.Reelected,
        ["新任"] = Tenure.New, ["否"] = Tenure.New, ["新当选"] = Tenure.New, ["新提名"] = Tenure.New,
    };

    /// <summary>The 56 民族 by their full names.</summary>
    private static readonly HashSet<string> s_ethnicities = new(StringComparer.Ordinal)
    {
        "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族",
        "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族",
        "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族",
        "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
    };

    /// <summary>
    /// What a candidate's facts cannot be on the election day <paramref name="date"/>: born after it, an age no person has,
    /// under <see cref="YoungestAge"/> on it, a 民族 not among the 56. Each with the field it is in and its values; the list's
    /// rows and the definition's validator say them alike.
    /// </summary>
    public static IEnumerable<(DefinitionProblemCode Code, string Field, (string, object?)[] Values)> Problems(Candidate candidate, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Born is { } born && born.IsAfter(date))
        {
            yield return (DefinitionProblemCode.BornAfterElection, "born", [("born", born.ToString()), ("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        }
        else if (candidate.Born is null && candidate.Age is { } listed && listed is < 0 or > OldestAge)
        {
            yield return (DefinitionProblemCode.BadAge, "age", [("text", listed)]);
        }
        else if (candidate.AgeOn(date) is { } age && age < YoungestAge)
        {
            yield return (DefinitionProblemCode.TooYoung, candidate.Born is null ? "age" : "born", [("age", age), ("youngest", YoungestAge)]);
        }

        if (candidate.Ethnicity is { } ethnicity && Ethnicity(ethnicity) != ethnicity)
        {
            yield return (DefinitionProblemCode.UnknownEthnicity, "ethnicity", [("text", ethnicity)]);
        }
    }

    /// <summary>A 文化程度 cell: 大专, 本科, 高中/中专 …; the words "及以上" or "学历" around it are read past.</summary>
    public static bool TryEducation(string cell, out Education value) =>
        s_education.TryGetValue(Clean(cell).Replace("学历", string.Empty, StringComparison.Ordinal).Replace("毕业", string.Empty, StringComparison.Ordinal), out value);

    /// <summary>A 政治面貌 cell: 中共党员, 预备党员, 共青团员, 群众 ….</summary>
    public static bool TryPolitical(string cell, out PoliticalStatus value) => s_political.TryGetValue(Clean(cell), out value);

    /// <summary>A 连任/新任 cell (or 是否连任: 是 / 否).</summary>
    public static bool TryTenure(string cell, out Tenure value) => s_tenure.TryGetValue(Clean(cell), out value);

    /// <summary>A 民族 cell as its full name (汉 → 汉族), or null when it names none of the 56.</summary>
    public static string? Ethnicity(string? cell)
    {
        var text = Clean(cell ?? string.Empty);
        var full = text.EndsWith('族') ? text : text + "族";
        return s_ethnicities.Contains(full) ? full : null;
    }

    /// <summary>An age cell (年龄, "45" or "45岁"): whole years, or null when it is none.</summary>
    public static int? Age(string cell) =>
        int.TryParse(Clean(cell).TrimEnd('岁', '周'), NumberStyles.None, CultureInfo.InvariantCulture, out var age) ? age : null;

    private static string Clean(string cell) => cell.Normalize(NormalizationForm.FormKC).Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
}
