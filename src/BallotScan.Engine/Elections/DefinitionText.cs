using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BallotScan.Engine.Elections;

/// <summary>
/// A definition as an office worker types it with a Chinese input method: full-width punctuation where JSON wants ASCII
/// (：，｛｝［］ and “ ” around a text), read as meant and said where; and where a character sits, as line and column.
/// </summary>
public static class DefinitionText
{
    private static readonly Dictionary<char, char> s_structural = new()
    {
        ['：'] = ':', ['，'] = ',', ['｛'] = '{', ['｝'] = '}', ['［'] = '[', ['］'] = ']', ['【'] = '[', ['】'] = ']',
    };

    /// <summary>
    /// The text with the full-width punctuation outside strings replaced by its ASCII form (inside a name or title it is
    /// kept), and a note for each replacement with its line and column.
    /// </summary>
    public static (string Text, IReadOnlyList<DefinitionProblem> Notes) Normalise(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var text = new StringBuilder(json.Length);
        var notes = new List<DefinitionProblem>();
        char? closing = null; // the quote that ends the string we are in
        var escaped = false;
        var (line, column) = (1, 1);
        string? commentEnd = null; // "\n" or "*/" while in a comment: copied as written (a note in Chinese is no JSON)
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            var put = c;
            if (commentEnd is not null)
            {
                if (string.CompareOrdinal(json, i, commentEnd, 0, commentEnd.Length) == 0)
                {
                    commentEnd = null;
                }
            }
            else if (closing is null && c == '/' && i + 1 < json.Length && json[i + 1] is '/' or '*')
            {
                commentEnd = json[i + 1] == '/' ? "\n" : "*/";
                text.Append(c).Append(json[i + 1]);
                (i, column) = (i + 1, column + 2);
                continue;
            }
            else if (closing is { } end)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == end)
                {
                    closing = null;
                    put = '"';
                    if (c != '"')
                    {
                        notes.Add(Note(line, column, c, '"'));
                    }
                }
                else if (c == '"' && end != '"')
                {
                    put = '\'';
                }
            }
            else if (c is '"' or '“' or '”' or '＂')
            {
                closing = c == '“' ? '”' : c;
                put = '"';
                if (c != '"')
                {
                    notes.Add(Note(line, column, c, '"'));
                }
            }
            else if (s_structural.TryGetValue(c, out var ascii))
            {
                put = ascii;
                notes.Add(Note(line, column, c, ascii));
            }

            text.Append(put);
            (line, column) = c == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        return (text.ToString(), notes);
    }

    private static DefinitionProblem Note(int line, int column, char found, char meant) =>
        DefinitionProblem.Warning(DefinitionProblemCode.FullWidthPunctuation, $"line {line}, column {column}", ("line", line), ("column", column), ("found", found), ("meant", meant));

    /// <summary>
    /// Where the value at <paramref name="path"/> (as the validator names it: <c>rules.preset</c>, <c>contests[0].candidates[1].name</c>)
    /// is written: line and column (1 first, in characters), or null when the text does not hold it.
    /// </summary>
    public static (int Line, int Column)? Locate(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (text, _) = Normalise(json);
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new List<(string Name, int Index, bool IsArray)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        property = null;
                        continue;
                }

                // A value: its path is the containers' path and its own name or index.
                var here = Current(stack, property);
                if (string.Equals(here, path, StringComparison.Ordinal))
                {
                    return Position(text, reader.TokenStartIndex);
                }

                if (stack.Count > 0 && stack[^1].IsArray)
                {
                    stack[^1] = stack[^1] with { Index = stack[^1].Index + 1 };
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add((here, -1, reader.TokenType == JsonTokenType.StartArray));
                }

                property = null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;

        static string Current(List<(string Name, int Index, bool IsArray)> stack, string? property)
        {
            if (stack.Count == 0)
            {
                return string.Empty;
            }

            var parent = stack[^1];
            return parent.IsArray ? $"{parent.Name}[{parent.Index + 1}]" : parent.Name.Length == 0 ? property ?? string.Empty : $"{parent.Name}.{property}";
        }
    }

    private static (int Line, int Column) Position(string text, long byteIndex)
    {
        var prefix = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text), 0, (int)byteIndex);
        var line = prefix.Count(c => c == '\n') + 1;
        return (line, prefix.Length - (prefix.LastIndexOf('\n') + 1) + 1);
    }

    /// <summary>The column (1 first, in characters) of a byte position in a line of the text: what an editor shows.</summary>
    public static int Column(string json, long lineNumber, long bytePositionInLine)
    {
        ArgumentNullException.ThrowIfNull(json);
        var lines = json.Split('\n');
        if (lineNumber < 0 || lineNumber >= lines.Length)
        {
            return (int)bytePositionInLine + 1;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[lineNumber]);
        return Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Clamp(bytePositionInLine, 0, bytes.Length)) + 1;
    }
}

/// <summary>A date as offices write it: 2026-12-20, 2026/12/20, 2026.12.20 or 2026年12月20日 (full-width digits too); written back as 2026-12-20.</summary>
public sealed class ChineseDateConverter : JsonConverter<DateOnly>
{
    private static readonly string[] s_formats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim(), s_formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TryParse(text, out var date) ? date
            : throw new JsonException($"'{text}' is not a date: write it as 2026-12-20 (or 2026/12/20, 2026年12月20日).");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
