using BallotScan.Engine.Problems;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>A decision as the station recorded it.</summary>
internal sealed record DecisionResult(long Id, bool NeedsConfirmation);

/// <summary>Review and confirmation (裁定与复核): a scrutineer's decision recorded beside the machine's reading, and a second scrutineer's answer, each with its audit row.</summary>
internal sealed class StationReview(StationContext context, StationReading reading, StationResults results) : StationTask(context)
{
    private const string NamesKey = "write-in-names";

    /// <summary>The names list imported for completing written names (自荐人、登记参选人 or villagers: names only), empty when none.
    /// A stored list that cannot be read (damaged in the database) offers nothing, and the page still works.</summary>
    public IReadOnlyList<string> ImportedNames()
    {
        try
        {
            return Store.Meta(NamesKey) is { } json ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>Imports a names list (a workbook or CSV saved at <paramref name="path"/>, as <paramref name="file"/>), replacing any before; logged.</summary>
    /// <exception cref="ElectionDefinitionException">No readable list, or no names in it.</exception>
    public int ImportNames(string user, string file, string path)
    {
        var names = NameList.Read(path);
        Store.MetaSet(NamesKey, System.Text.Json.JsonSerializer.Serialize(names), AuditFacts.Row(user, AuditEvent.NamesImported, new NamesListTaken(file, names.Count)));
        return names.Count;
    }

    /// <summary>
    /// Records a scrutineer's decision beside the machine's reading. When the setting asks for it, a decision that changes a
    /// count (see <see cref="Adjudications.ChangesACount"/>) takes effect only once a second scrutineer confirms it.
    /// </summary>
    public DecisionResult Decide(Adjudication decision)
    {
        Context.EnsureNotOfficial();
        var sheet = reading.Interpretation(decision.Sheet) ?? throw new StationException(new Said("没有这张选票（{0}）。", decision.Sheet));
        if (string.IsNullOrWhiteSpace(decision.Reason))
        {
            throw new StationException(new Said("请写明理由（每项裁定都记录理由）。"));
        }

        if (Problem(Layout, sheet, decision) is { } problem)
        {
            throw new StationException(problem);
        }

        var needs = Options.SecondScrutineer && Adjudications.ChangesACount(sheet, decision);
        // The decision and its audit row are one transaction: both are recorded, or neither.
        var id = Store.AddDecision(decision with { WriteInName = decision.WriteInName?.Trim() }, needs,
            id => AuditFacts.Row(decision.Scrutineer, AuditEvent.Decision, new DecisionMade(id, Decided.Of(decision), decision.Reason, needs)));
        return new DecisionResult(id, needs);
    }

    /// <summary>What makes a decision impossible to apply to this sheet (in words for the scrutineer), or null.</summary>
    public static Said? Problem(BallotLayout layout, SheetInterpretation sheet, Adjudication decision)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(decision);
        var page = layout.PageOf(sheet.Page);
        if (!EnumNames.IsDefined(decision.Kind) || (decision.Symbol is { } symbol && !EnumNames.IsDefined(symbol)) || (decision.SheetDecision is { } d && !EnumNames.IsDefined(d)))
        {
            return new Said("裁定中有不可用的值。");
        }

        return decision.Kind switch
        {
            AdjudicationKind.Box or AdjudicationKind.WriteIn when page.Boxes.All(b => b.Id != decision.BoxId) => new Said("这张选票没有「{0}」这一框。", decision.BoxId),
            AdjudicationKind.Box when decision.Symbol is null => new Said("对一个框的裁定须写明框内是什么符号。"),
            AdjudicationKind.WriteIn when page.Boxes.First(b => b.Id == decision.BoxId).Kind != BoxKind.WriteIn => new Said("「{0}」不是另选他人栏。", decision.BoxId),
            AdjudicationKind.Sheet when decision.SheetDecision is null => new Said("对整张选票的裁定须写明计入、作废或不计入。"),
            _ => null,
        };
    }

    /// <summary>A second scrutineer's answer to a decision that waits for one. Returns what is wrong, or null.</summary>
    public Said? Confirm(long decisionId, string scrutineer, bool agree)
    {
        if (Context.Official is not null)
        {
            return StationContext.IsOfficial;
        }

        var decision = results.Decisions().FirstOrDefault(d => d.Id == decisionId);
        if (decision is null)
        {
            return new Said("没有第 {0} 号裁定。", decisionId);
        }

        if (!decision.NeedsConfirmation)
        {
            return new Said("第 {0} 号裁定无需复核。", decisionId);
        }

        if (decision.Decision.Scrutineer == scrutineer)
        {
            return new Said("裁定须由另一位监票人复核，不能由作出裁定的人复核。");
        }

        if (decision.Answer is not null)
        {
            return new Said("第 {0} 号裁定已由 {1} 复核。", decisionId, decision.Answer.Scrutineer);
        }

        var audit = AuditFacts.Row(scrutineer, agree ? AuditEvent.Confirm : AuditEvent.Reject, new DecisionAnswered(decisionId, decision.Decision.Scrutineer, Decided.Of(decision.Decision)));
        if (!Store.AddConfirmation(decisionId, decision.Decision.Scrutineer, scrutineer, agree, audit))
        {
            var first = Store.Decisions().First(d => d.Id == decisionId).Answer;
            return new Said("第 {0} 号裁定已由 {1} 先行复核，以先复核者为准。", decisionId, first?.Scrutineer);
        }

        return null;
    }
}
