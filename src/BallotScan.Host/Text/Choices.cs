using System.CommandLine;
using System.CommandLine.Parsing;
using BallotScan.Engine.Elections;

namespace BallotScan.Host.Text;

/// <summary>One value an option may take: as the docs write it (camelCase, any case accepted) and its Chinese words.</summary>
internal sealed record Choice<T>(T Value, string Name, params string[] Chinese);

/// <summary>
/// Options whose value is one of a few named choices, given as the docs write them (villagersCommittee, chiefScrutineer,
/// paper; any case) or in Chinese (村民委员会, 总监票人, 纸质选票). Anything else, a number standing for an enum's value included,
/// is refused in words that list the choices.
/// </summary>
internal static class Choices
{
    /// <summary>The election types by name and in Chinese, the first word as the pages show it (the form's list, <c>--type</c>).</summary>
    public static IReadOnlyList<Choice<ElectionType>> ElectionTypes { get; } =
    [
        new(ElectionType.VillagersCommittee, "villagersCommittee", "村民委员会", "村委会"),
        new(ElectionType.ResidentsCommittee, "residentsCommittee", "居民委员会", "居委会"),
        new(ElectionType.PartyCommittee, "partyCommittee", "党组织委员会", "党组织", "党支部"),
        new(ElectionType.SupervisionCommittee, "supervisionCommittee", "村务监督委员会", "监委会"),
    ];

    public static Option<T> Option<T>(string name, string description, IReadOnlyList<Choice<T>> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var option = new Option<T>(name) { Description = description, CustomParser = result => Parse(result, name, choices) };
        option.CompletionSources.Clear(); // not an enum's own names (PascalCase and camelCase both): the docs' names only
        option.CompletionSources.Add([.. choices.Select(c => c.Name)]);
        return option;
    }

    /// <summary>The choice <paramref name="text"/> names, by its name (any case) or one of its Chinese words; null for none.</summary>
    public static Choice<T>? Named<T>(IReadOnlyList<Choice<T>> choices, string text)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var clean = (text ?? string.Empty).Trim();
        return choices.FirstOrDefault(c => string.Equals(c.Name, clean, StringComparison.OrdinalIgnoreCase) || c.Chinese.Contains(clean, StringComparer.Ordinal));
    }

    private static T Parse<T>(ArgumentResult result, string name, IReadOnlyList<Choice<T>> choices)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (Named(choices, text) is { } choice)
        {
            return choice.Value;
        }

        result.AddError(Cli.T("「{0}」不是 {1} 可用的值：可写 {2}。", text, name, choices.Select(c => $"{c.Name}（{string.Join("/", c.Chinese)}）").ToList()));
        return default!;
    }
}
