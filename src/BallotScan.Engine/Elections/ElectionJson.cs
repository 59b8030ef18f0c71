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
        Converters = { new EnumNames.Converter() },
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
    public static ElectionDefinition Parse(string json)
    {
        try
        {
            var definition = JsonSerializer.Deserialize<ElectionDefinition>(json, Options)
                ?? throw new ElectionDefinitionException([new DefinitionProblem("Empty", "$", "The file holds no definition (it is 'null').")]);

            // Candidates' names in their one normal form (PersonName), as the ballot prints them and every count compares them.
            return definition with
            {
                Contests = definition.Contests?.Select(c => c with { Candidates = c.Candidates?.Select(x => x with { Name = PersonName.Normalise(x.Name) ?? x.Name }).ToList() ?? c.Candidates! }).ToList() ?? definition.Contests!,
            };
        }
        catch (JsonException e)
        {
            throw new ElectionDefinitionException([Explain(e)]);
        }
    }

    public static string Serialize(ElectionDefinition definition) => JsonSerializer.Serialize(definition, Options);

    private static DefinitionProblem Explain(JsonException e)
    {
        var path = e.Path ?? "$";
        var unmapped = UnmappedPattern().Match(e.Message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            var parent = path.EndsWith("." + name, StringComparison.Ordinal) ? path[..^(name.Length + 1)] : path;
            var inRules = parent.EndsWith(".rules", StringComparison.Ordinal);
            var known = inRules ? KnownNames(typeof(RuleSettings)) : null;
            return new DefinitionProblem(inRules ? "UnknownSetting" : "UnknownField", path, inRules
                ? $"'{name}' is not a rule setting BallotScan knows. Settings: {known}."
                : $"'{name}' is not a field BallotScan knows here; check the spelling (see docs/election-definition.md).");
        }

        var missing = MissingPattern().Match(e.Message);
        if (missing.Success)
        {
            return new DefinitionProblem("MissingField", path, $"A required field is missing: {missing.Groups[1].Value}.");
        }

        var notDefined = NotDefinedPattern().Match(e.Message);
        if (notDefined.Success)
        {
            return new DefinitionProblem("BadValue", path, $"The value at {path} is not valid here. Allowed: {notDefined.Groups[1].Value}.");
        }

        var conversion = ConversionPattern().Match(e.Message);
        if (conversion.Success)
        {
            var typeName = conversion.Groups[1].Value.TrimEnd('.');
            var type = typeof(ElectionJson).Assembly.GetType(typeName.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']'));
            var allowed = type is { IsEnum: true }
                ? " Allowed: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)) + "."
                : string.Empty;
            return new DefinitionProblem("BadValue", path, $"The value at {path} is not valid here.{allowed}");
        }

        var where = e.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
        return new DefinitionProblem("BadJson", path, $"The file is not valid JSON{where}: {e.InnerException?.Message ?? e.Message}");
    }

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
