using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BallotScan.Engine.Elections;

/// <summary>
/// An exact fraction such as 4/5 (五分之四) or 1/3 (三分之一). Rules are written in fractions, and a threshold must be
/// compared exactly: "more than half" of 100 is 51, and floating point must never decide that.
/// </summary>
[JsonConverter(typeof(FractionJsonConverter))]
public readonly record struct Fraction
{
    public Fraction(int numerator, int denominator)
    {
        if (denominator <= 0 || numerator < 0)
        {
            throw new ArgumentException($"{numerator}/{denominator} is not a fraction between 0 and 1 or more with a positive denominator.");
        }

        (Numerator, Denominator) = (numerator, denominator);
    }

    public int Numerator { get; }

    public int Denominator { get; }

    public static Fraction Half { get; } = new(1, 2);

    /// <summary>Whether <paramref name="count"/> is strictly more than this fraction of <paramref name="total"/>.</summary>
    public bool IsExceededBy(long count, long total) => count * Denominator > total * Numerator;

    public static Fraction Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('/');
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0
            ? new Fraction(n, d)
            : throw new FormatException($"'{text}' is not a fraction like \"4/5\".");
    }

    public override string ToString() => $"{Numerator}/{Denominator}";
}

internal sealed class FractionJsonConverter : JsonConverter<Fraction>
{
    public override Fraction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return Fraction.Parse(reader.GetString() ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Fraction value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
