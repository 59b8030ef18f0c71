using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BallotScan.Engine.Elections;

/// <summary>
/// Reads and writes election definitions as JSON (schema: docs/election-definition.md). Property names and enum values
/// are camelCase; comments and trailing commas are allowed; an unknown property is an error, so that a misspelt setting
/// never silently falls back to a default.
/// </summary>
public static partial class ElectionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new EnumNames.Converter(), new ChineseDateConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same, on one line: for JSON Lines files and for the bytes an archive hashes.</summary>
    public static JsonSerializerOptions CompactOptions { get; } = new(Options) { WriteIndented = false };

    /// <summary>Reads a definition file.</summary>
    /// <exception cref="ElectionDefinitionException">The file is not a readable definition; the problems say where and why.</exception>
    public static ElectionDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ElectionDefinitionException([DefinitionProblem.Error(DefinitionProblemCode.FileNotFound, path, ("file", path))]);
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>Reads a definition from JSON text.</summary>
    /// <exception cref="ElectionDefinitionException">The text is not a readable definition.</exception>
    public static ElectionDefinition Parse(string json) => Read(json).Definition;

    /// <summary>
    /// Reads a definition from JSON text, with notes on what was read otherwise than written (full-width punctuation read
    /// as ASCII, <see cref="DefinitionText"/>).
    /// </summary>
    /// <exception cref="ElectionDefinitionException">The text is not a readable definition; the problem says where (line and column) and why.</exception>
    public static (ElectionDefinition Definition, IReadOnlyList<DefinitionProblem> Notes) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        // A byte-order mark (Notepad's UTF-8) is no part of the definition.
        var (text, notes) = DefinitionText.Normalise(json.TrimStart('\uFEFF'));
        try
        {
            var definition = JsonSerializer.Deserialize<ElectionDefinition>(text, Options)
                ?? throw new ElectionDefinitionException([DefinitionProblem.Error(DefinitionProblemCode.Empty, "$")]);

            // Candidates' names in their one normal form (PersonName), as the ballot prints them and every count compares them.
            return (definition with
            {
                Contests = definition.Contests?.Select(c => c with { Candidates = c.Candidates?.Select(x => x with { Name = PersonName.Normalise(x.Name) ?? x.Name }).ToList() ?? c.Candidates! }).ToList() ?? definition.Contests!,
            }, notes);
        }
        catch (JsonException e)
        {
            throw new ElectionDefinitionException([.. notes, Explain(e, text)]);
        }
    }

    public static string Serialize(ElectionDefinition definition) => JsonSerializer.Serialize(definition, Options);

    private static DefinitionProblem Explain(JsonException e, string text)
    {
        var path = e.Path ?? "$";
        // Where an editor shows it: the line and the column in characters (the reader counts bytes, 3 to a Chinese character).
        (string, object?) line = ("line", e.LineNumber + 1), column = ("column", e.LineNumber is { } l ? DefinitionText.Column(text, l, e.BytePositionInLine ?? 0) : null);
        var unmapped = UnmappedPattern().Match(e.Message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            var parent = path.EndsWith("." + name, StringComparison.Ordinal) ? path[..^(name.Length + 1)] : path;
            return parent.EndsWith(".rules", StringComparison.Ordinal)
                ? DefinitionProblem.Error(DefinitionProblemCode.UnknownSetting, path, line, column, ("name", name), ("known", KnownNames(typeof(RuleSettings))))
                : DefinitionProblem.Error(DefinitionProblemCode.UnknownField, path, line, column, ("name", name));
        }

        var missing = MissingPattern().Match(e.Message);
        if (missing.Success)
        {
            return DefinitionProblem.Error(DefinitionProblemCode.MissingField, path, line, column, ("name", missing.Groups[1].Value.Trim('\'')));
        }

        var notDefined = NotDefinedPattern().Match(e.Message);
        if (notDefined.Success)
        {
            return DefinitionProblem.Error(DefinitionProblemCode.BadValue, path, line, column, ("known", notDefined.Groups[1].Value));
        }

        if (e.Message.Contains("is not a date", StringComparison.Ordinal))
        {
            return DefinitionProblem.Error(DefinitionProblemCode.BadDate, path, line, column);
        }

        var conversion = ConversionPattern().Match(e.Message);
        if (conversion.Success)
        {
            var typeName = conversion.Groups[1].Value.TrimEnd('.');
            var type = typeof(ElectionJson).Assembly.GetType(typeName.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']'));
            var allowed = type is { IsEnum: true } ? string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)) : null;
            return DefinitionProblem.Error(DefinitionProblemCode.BadValue, path, line, column, ("known", allowed));
        }

        return DefinitionProblem.Error(DefinitionProblemCode.BadJson, path, line, column, ("hint", JsonHint(e)), ("why", (e.InnerException?.Message ?? e.Message).Split(" LineNumber:")[0]));
    }

    /// <summary>What a JSON syntax error most often is: a colon after a name, a comma between items, an unfinished file, or other.</summary>
    private static string JsonHint(JsonException e) => (e.InnerException?.Message ?? e.Message) switch
    {
        var m when m.Contains("after a property name", StringComparison.Ordinal) => "colon",
        var m when m.Contains("after a value", StringComparison.Ordinal) || m.Contains("expected ','", StringComparison.OrdinalIgnoreCase) => "comma",
        var m when m.Contains("end of data", StringComparison.Ordinal) || m.Contains("incomplete", StringComparison.OrdinalIgnoreCase) => "unfinished",
        _ => "other",
    };

    private static string KnownNames(Type type) =>
        string.Join(", ", type.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

    [GeneratedRegex(@"The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$")]
    private static partial Regex MissingPattern();

    /// <summary>The message of <see cref="EnumNames"/> for a value that is not a defined name.</summary>
    [GeneratedRegex(@"is not one of (.+?)\.( Path|$)")]
    private static partial Regex NotDefinedPattern();

    [GeneratedRegex(@"could not be converted to ([^\s]+)")]
    private static partial Regex ConversionPattern();
}
