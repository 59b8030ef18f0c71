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
            throw new ElectionDefinitionException([new DefinitionProblem("FileNotFound", path, $"There is no file {path}.")]);
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
        var (text, notes) = DefinitionText.Normalise(json);
        try
        {
            var definition = JsonSerializer.Deserialize<ElectionDefinition>(text, Options)
                ?? throw new ElectionDefinitionException([new DefinitionProblem("Empty", "$", "文件中没有选举定义（内容是 null）。 / The file holds no definition (it is 'null').")]);

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
        var at = e.LineNumber is { } l ? $"第 {l + 1} 行第 {DefinitionText.Column(text, l, e.BytePositionInLine ?? 0)} 列 / line {l + 1}, column {DefinitionText.Column(text, l, e.BytePositionInLine ?? 0)}: " : string.Empty;
        var unmapped = UnmappedPattern().Match(e.Message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            var parent = path.EndsWith("." + name, StringComparison.Ordinal) ? path[..^(name.Length + 1)] : path;
            var inRules = parent.EndsWith(".rules", StringComparison.Ordinal);
            var known = inRules ? KnownNames(typeof(RuleSettings)) : null;
            return new DefinitionProblem(inRules ? "UnknownSetting" : "UnknownField", path, inRules
                ? $"{at}「{name}」不是 BallotScan 认识的计票规则设置。可用的设置：{known}。 / '{name}' is not a rule setting BallotScan knows. Settings: {known}."
                : $"{at}「{name}」不是此处的字段，请检查拼写（见 docs/election-definition.md）。 / '{name}' is not a field BallotScan knows here; check the spelling (see docs/election-definition.md).");
        }

        var missing = MissingPattern().Match(e.Message);
        if (missing.Success)
        {
            return new DefinitionProblem("MissingField", path, $"{at}缺少必填字段：{missing.Groups[1].Value}。 / A required field is missing: {missing.Groups[1].Value}.");
        }

        var notDefined = NotDefinedPattern().Match(e.Message);
        if (notDefined.Success)
        {
            return new DefinitionProblem("BadValue", path, $"{at}{path} 处的值不可用。可用的值：{notDefined.Groups[1].Value}。 / The value at {path} is not valid here. Allowed: {notDefined.Groups[1].Value}.");
        }

        if (e.Message.Contains("is not a date", StringComparison.Ordinal))
        {
            return new DefinitionProblem("BadDate", path, $"{at}日期写作 2026-12-20（也可写 2026/12/20 或 2026年12月20日）。 / {e.Message.Split(" Path:")[0]}");
        }

        var conversion = ConversionPattern().Match(e.Message);
        if (conversion.Success)
        {
            var typeName = conversion.Groups[1].Value.TrimEnd('.');
            var type = typeof(ElectionJson).Assembly.GetType(typeName.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']'));
            var allowed = type is { IsEnum: true } ? string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)) : null;
            return new DefinitionProblem("BadValue", path, $"{at}{path} 处的值不可用{(allowed is null ? string.Empty : $"。可用的值：{allowed}")}。 / The value at {path} is not valid here.{(allowed is null ? string.Empty : $" Allowed: {allowed}.")}");
        }

        return new DefinitionProblem("BadJson", path, $"{at}文件不是有效的 JSON：{JsonHint(e)} / The file is not valid JSON: {(e.InnerException?.Message ?? e.Message).Split(" LineNumber:")[0]}");
    }

    /// <summary>What a JSON syntax error most often is, in words for an office worker.</summary>
    private static string JsonHint(JsonException e) => (e.InnerException?.Message ?? e.Message) switch
    {
        var m when m.Contains("after a property name", StringComparison.Ordinal) => "字段名后应是半角冒号「:」。",
        var m when m.Contains("after a value", StringComparison.Ordinal) || m.Contains("expected ','", StringComparison.OrdinalIgnoreCase) => "两项之间应有半角逗号「,」，或括号没有配对。",
        var m when m.Contains("end of data", StringComparison.Ordinal) || m.Contains("incomplete", StringComparison.OrdinalIgnoreCase) => "文件没有写完，或括号没有配对。",
        _ => "请检查这一处的标点和括号。",
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
