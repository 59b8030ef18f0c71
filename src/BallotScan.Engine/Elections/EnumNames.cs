using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BallotScan.Engine.Elections;

/// <summary>
/// Enum values read strictly, by defined name only: no numbers, no comma lists (which .NET would read as a combination of
/// flags), no values the type does not define. In JSON the name is camelCase (<c>writeIn</c>); in the database it is the
/// name as declared (<c>WriteIn</c>).
/// </summary>
public static class EnumNames
{
    /// <summary>The value named exactly <paramref name="text"/> (as declared, or in camelCase); false for anything else.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        if (text is not null && Names<T>.ByName.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The value named <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">It names no value of <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string? text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"'{Shorten(text)}' is not one of {Expected<T>()}.");

    /// <summary>The names a reader may give, for a message.</summary>
    public static string Expected<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(CamelCase));

    /// <summary>Whether <paramref name="value"/> is one the type defines (not a number cast in, not a combination).</summary>
    public static bool IsDefined<T>(T value)
        where T : struct, Enum => Names<T>.ByValue.ContainsKey(value);

    /// <summary>The name <paramref name="value"/> is written with (camelCase), as the JSON converter writes it.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => Names<T>.ByValue.TryGetValue(value, out var name) ? name : CamelCase(value.ToString());

    internal static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 40 ? text : text[..40] + "…";

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByName = Enum.GetValues<T>()
            .SelectMany(v => new[] { (v.ToString(), v), (CamelCase(v.ToString()), v) })
            .DistinctBy(x => x.Item1, StringComparer.Ordinal)
            .ToFrozenDictionary(x => x.Item1, x => x.v, StringComparer.Ordinal);

        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => CamelCase(v.ToString()));
    }

    /// <summary>The JSON converter for every enum: writes the camelCase name, reads a defined name only.</summary>
    public sealed class Converter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ValueConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class ValueConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"A {typeof(T).Name} is written as one of {Expected<T>()} in quotes, not as {reader.TokenType}.");
            }

            var text = reader.GetString();
            return TryParse<T>(text, out var value) ? value : throw new JsonException($"'{Shorten(text)}' is not one of {Expected<T>()}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names<T>.ByValue.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a value {typeof(T).Name} defines."));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return TryParse<T>(text, out var value) ? value : throw new JsonException($"'{Shorten(text)}' is not one of {Expected<T>()}.");
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Names<T>.ByValue.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a value {typeof(T).Name} defines."));
    }
}
