using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Counting;

/// <summary>
/// One person elected (当选人), with the facts the township reports (性别, 年龄, 文化程度, 政治面貌, 民族, 连任/新任) as the
/// candidate list gave them; a name written in (另选他人) has none. Facts about candidates are public; nothing here is about a voter.
/// </summary>
/// <param name="ContestId">The contest.</param>
/// <param name="Post">职务: the contest's title.</param>
/// <param name="Name">姓名.</param>
/// <param name="Listed">A listed candidate (false: written in).</param>
/// <param name="Votes">得票: approvals counted towards being elected.</param>
/// <param name="Round">The round that elected them: 1 for the first vote, 2 and on for a 另行选举.</param>
/// <param name="Gender">性别.</param>
/// <param name="Born">出生年月.</param>
/// <param name="Age">Age on the election day (from the birth month, else as listed).</param>
/// <param name="Education">文化程度.</param>
/// <param name="Political">政治面貌.</param>
/// <param name="Ethnicity">民族.</param>
/// <param name="Tenure">连任 or 新任.</param>
public sealed record ElectedPerson(
    string ContestId,
    string Post,
    string Name,
    bool Listed,
    int Votes,
    int Round,
    Gender Gender,
    YearMonth? Born,
    int? Age,
    Education? Education,
    PoliticalStatus? Political,
    string? Ethnicity,
    Tenure? Tenure);

/// <summary>Those a count elects, contest by contest in the definition's order, most votes first.</summary>
public static class ElectedPeople
{
    /// <summary>Everyone <paramref name="tally"/> elects, with their facts from <paramref name="definition"/>; none while the election is void.</summary>
    public static IReadOnlyList<ElectedPerson> Of(ElectionDefinition definition, ElectionTally tally)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tally);
        var round = definition.RoundNumber ?? 1;
        return [.. tally.Contests.SelectMany(contest =>
        {
            // A person's facts from their listing in this contest, else (written in here) from another contest's.
            var listed = (definition.Contests.FirstOrDefault(c => c.Id == contest.ContestId)?.Candidates ?? []).Concat(definition.Contests.SelectMany(c => c.Candidates)).ToList();
            var votes = contest.Candidates.Concat(contest.WriteIns).ToDictionary(c => c.Name, StringComparer.Ordinal);
            return (contest.Outcome?.Elected ?? []).Select(name =>
            {
                var person = listed.FirstOrDefault(c => c.Name == name) ?? new Candidate { Name = name };
                var tallied = votes.GetValueOrDefault(name);
                return new ElectedPerson(contest.ContestId, contest.Title, name, tallied?.Listed ?? false, tallied?.Total ?? 0, round,
                    person.Gender, person.Born, person.AgeOn(definition.Date), person.Education, person.Political, person.Ethnicity, person.Tenure);
            });
        })];
    }
}
