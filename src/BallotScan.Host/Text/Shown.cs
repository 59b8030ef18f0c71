using System.Globalization;

namespace BallotScan.Host.Text;

/// <summary>Numbers, ids and times as people read them: invariant digits, a long id cut short, times in Beijing time.</summary>
internal static class Shown
{
    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The start of a long id (a sheet's, a file's SHA-256) as shown, with "…".</summary>
    public static string Short(string id, int length = 12) => id[..Math.Min(length, id.Length)] + "…";

    /// <summary>China Standard Time: UTC+8 all year (no daylight saving since 1991), so no time-zone data is needed.</summary>
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    /// <summary>A time stored in UTC (ISO 8601), shown in Beijing time as "yyyy-MM-dd HH:mm:ss": the venue's own clock.</summary>
    public static string Time(string storedUtc) =>
        DateTimeOffset.TryParse(storedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToOffset(s_beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : storedUtc;

    /// <summary>A time shown in Beijing time.</summary>
    public static string Time(DateTimeOffset time) => time.ToOffset(s_beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A share as people read it: "87.5%（35/40）"; "—" while its base is zero.</summary>
    public static string Percent(Engine.Township.Share share) => share.Value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{v * 100:0.0}%（{share.Count}/{share.Of}）")
        : "—";
}
