using System.Globalization;
using System.Reflection;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BallotScan.Engine.Printing;

/// <summary>
/// The result report (选举结果报告单) as a Chinese PDF: the meeting's figures, every contest's 赞成 / 不赞成 / 弃权 per
/// candidate with write-ins and who is elected, the validity checks and notes, and signature lines for the 计票人 and
/// 监票人. Every figure in it is a count over the cast-vote records written beside it.
/// </summary>
public static class ResultReportPdf
{
    private const double PointsPerMm = 72 / 25.4;
    private const double Left = 18, Right = 192, Bottom = 280;

    /// <summary>
    /// The report of <paramref name="tally"/>; <paramref name="footer"/> names what it was counted from (sheets, decisions).
    /// <paramref name="archiveRoot"/>, when given, is printed as text and as a QR code: it pins the archive of the count.
    /// </summary>
    /// <param name="definition">The election.</param>
    /// <param name="tally">The tally with the scrutineers' decisions.</param>
    /// <param name="footer">What the count was made from, for the foot of each page.</param>
    /// <param name="archiveRoot">The archive's Merkle root.</param>
    /// <param name="official">When the count has been marked official: the line saying by whom and when (printed under the title).</param>
    /// <param name="rounds">Every round of the election up to this one (第一轮, 另行选举), when there was more than one: the report lists who was elected in which.</param>
    /// <param name="batches">What came back from each batch (ballot box or scanner run), in words, printed under the figures.</param>
    public static byte[] Write(ElectionDefinition definition, ElectionTally tally, string footer, string? archiveRoot = null, string? official = null, IReadOnlyList<RoundOutcome>? rounds = null, string? batches = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tally);
        BallotFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"{definition.Title} 选举结果报告单";
        document.Info.Creator = "BallotScan " + SoftwareVersion;
        var writer = new PageWriter(document);
        var ballotOrder = Layout.LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian).AllBoxes
            .Where(b => b.CandidateName is not null).GroupBy(b => b.ContestId).ToDictionary(g => g.Key, g => g.Select(b => b.CandidateName!).ToList());
        writer.Text("选举结果报告单", 18, bold: true, centred: true);
        writer.Text(definition.Title, 13, centred: true);
        writer.Text($"{definition.Place.Township} {definition.Place.Village}　选举日期：{definition.Date:yyyy年M月d日}", 10, centred: true);
        if (definition.Round == Elections.ElectionRound.Supplementary)
        {
            // A 另行选举 says which round it is and of which election: its candidates are the first round's not elected.
            writer.Text($"第 {definition.RoundNumber} 轮（另行选举，第一轮选举编号 {definition.FirstRound}）：候选人为前一轮未当选者，按得票多少确定", 10, centred: true);
        }

        if (official is not null && !tally.Provisional)
        {
            writer.Text(official, 10, bold: true, centred: true);
        }

        if (tally.Provisional)
        {
            writer.Text($"临时结果：尚有 {tally.PendingSheets} 张选票待监票人裁定，本报告不得作为正式结果。", 11, bold: true, centred: true);
        }

        if (!tally.ElectionValid)
        {
            writer.Text("本次选举无效，应重新进行投票。", 13, bold: true, centred: true);
        }

        writer.Gap(3);
        string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "—";
        // The first figure as the rules of this election name it: 登记选民 (villagers, residents) or 应到人数 (party), from the
        // meeting's figures or, where they do not give it, the definition.
        var (dueLabel, due) = definition.Type == ElectionType.PartyCommittee
            ? ("应到人数", tally.Figures.Due ?? definition.Electorate.DueToAttend)
            : ("登记选民", tally.Figures.Due ?? definition.Electorate.Registered);
        // Every figure the count used is printed; one the meeting did not give is printed as the count took it, marked ※ and said.
        var party = definition.Type == ElectionType.PartyCommittee;
        var returned = tally.Figures.Returned ?? tally.BallotsFound;
        var givenVoted = party ? tally.Figures.Present : tally.Figures.Voted ?? tally.Figures.Present;
        var voted = givenVoted ?? (party ? null : returned);
        var inferred = new List<string>();
        if (tally.Figures.Returned is null)
        {
            inferred.Add($"未录入收回选票，按机器识别的本选举选票 {tally.BallotsFound} 张计");
        }

        if (givenVoted is null && !party)
        {
            inferred.Add($"未录入参加投票人数，按收回选票 {returned} 张计");
        }

        writer.Row([(dueLabel, 30), (N(due), 24), (party ? "实到人数" : "参加投票", 30), (N(voted) + (givenVoted is null && voted is not null ? "※" : string.Empty), 24), ("发出选票", 30), (N(tally.Figures.Issued), 36)], header: false);
        writer.Row([("收回选票", 30), (N(returned) + (tally.Figures.Returned is null ? "※" : string.Empty), 24), ("有效票", 30), (N(tally.ValidBallots), 24), ("无效票", 30), (N(tally.VoidBallots), 36)], header: false);
        if (inferred.Count > 0)
        {
            writer.Text("※ " + string.Join("；", inferred) + "。", 9);
        }

        if (due is > 0 && voted is { } turnout)
        {
            writer.Text($"参选率：{(party ? "实到人数" : "参加投票")} {turnout} ÷ {dueLabel} {due} = {(100.0 * turnout / due.Value).ToString("0.0", CultureInfo.InvariantCulture)}%", 9);
        }

        writer.Text($"机器识别本选举选票 {tally.BallotsFound} 张（其中待裁定 {tally.PendingSheets} 张）；非本选举或重复的图像 {tally.NotCountedSheets} 张，不计入。", 9);
        if (batches is { Length: > 0 })
        {
            writer.Text(batches, 9);
        }

        foreach (var check in tally.Validity)
        {
            writer.Text((check.Passed switch { true => "【符合】", false => "【不符合】", _ => "【未核对】" }) + check.Message, 9);
        }

        // 当选 only once the election's validity is established: while a figure is unchecked, those who would be elected are 待定.
        var established = !tally.Provisional && tally.Validity.All(v => v.Passed == true);
        var notChecked = tally.Validity.Where(v => v.Passed is null).Select(v => v.Rule switch { "returned" => "收回选票数", "quorum" => "到会人数", "turnout" => "参加投票人数", _ => v.Rule }).ToList();
        if (tally.ElectionValid && !established && !tally.Provisional)
        {
            writer.Text($"当选待定：{string.Join("、", notChecked)}尚未核对，核对符合后方可宣布当选。", 10, bold: true);
        }

        foreach (var contest in tally.Contests)
        {
            writer.Gap(4);
            writer.Text($"{contest.Title}（应选 {contest.Seats} 名；本职位有效票 {contest.ValidBallots}，无效 {contest.VoidBallots}）", 12, bold: true);
            if (contest.Outcome is { } o)
            {
                writer.Text("当选条件：" + o.Rule.Description, 9);
            }

            // The cascade column only where the rule adds votes from higher posts.
            var cascade = definition.RuleProfile.CascadeVotes;
            var nameWidth = cascade ? 44 : 74;
            List<(string, double)> Cells(string name, string approve, string disapprove, string abstain, string isVoid, string cascaded, string elected) =>
                cascade
                    ? [(name, nameWidth), (approve, 22), (disapprove, 22), (abstain, 22), (isVoid, 22), (cascaded, 30), (elected, 12)]
                    : [(name, nameWidth), (approve, 22), (disapprove, 22), (abstain, 22), (isVoid, 22), (elected, 12)];
            writer.Row(Cells("候选人", "赞成", "不赞成", "弃权", "无效", "累计上级职位票", "当选"), header: true);
            // In the order printed on the ballot, so that the report reads like the ballot the counters called from.
            var printed = ballotOrder.TryGetValue(contest.ContestId, out var order) ? order : [];
            foreach (var c in contest.Candidates.OrderBy(c => printed.IndexOf(c.Name) is >= 0 and var i ? i : int.MaxValue).Concat(contest.WriteIns))
            {
                writer.Row(Cells((c.Listed ? "" : "另选：") + c.Name, N(c.Approve), c.Listed ? N(c.Disapprove) : "", c.Listed ? N(c.Abstain) : "", c.Listed ? N(c.Void) : "",
                    N(c.CascadedApprovals), c.Elected ? (established ? "当选" : "待定") : ""), header: false);
            }
        }

        WriteElected(writer, definition, tally, established);
        if (rounds is { Count: > 1 })
        {
            WriteRounds(writer, rounds);
        }

        WriteNextRound(writer, definition, tally);

        writer.Gap(4);
        writer.Text("说明", 11, bold: true);
        writer.Text("· 赞成、不赞成、弃权：该职位有效的选票上，对该候选人画○、画×、未画符号的张数。无效：该职位在这张选票上无效（例如所选人数超过应选名额），不计入该候选人的赞成、不赞成、弃权。另选：选民在另选他人栏写的姓名所得赞成票。", 9);
        foreach (var note in tally.Notes)
        {
            writer.Text("· " + note.Chinese, 9);
        }

        // The signature block stays together on one page, with the election committee's seal.
        writer.KeepTogether(72);
        writer.Gap(6);
        writer.Text("唱票人（签名）：______________________　　______________________", 11);
        writer.Gap(4);
        writer.Text("计票人（签名）：______________________　　______________________", 11);
        writer.Gap(4);
        writer.Text("监票人（签名）：______________________　　______________________", 11);
        writer.Gap(4);
        writer.Text("总监票人（签名）：____________________　　主持人（签名）：____________________", 11);
        writer.Gap(4);
        writer.Text($"{Layout.BallotWording.Committee(definition.Type)}（盖章）　　　　　　　　　　日期：______年____月____日", 11);
        if (archiveRoot is not null)
        {
            writer.Gap(6);
            writer.Text("档案校验码：" + archiveRoot, 8);
            writer.Text("本次计票的全部选票图像和计票记录已存档。凭上面的校验码（或下面的二维码）可以核对存档与本报告对应、未被改动。", 8);
            writer.Qr("BSROOT1|" + definition.Id + "|" + archiveRoot, 24);
        }

        // The version as printed: the release and the commit's first seven characters (the whole is in the archive's manifest).
        var version = SoftwareVersion.IndexOf('+', StringComparison.Ordinal) is var plus and >= 0 && SoftwareVersion.Length > plus + 8 ? SoftwareVersion[..(plus + 8)] : SoftwareVersion;
        writer.Footer(footer + $"　BallotScan {version}");
        writer.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return NonBmpText.Mend(stream.ToArray());
    }

    /// <summary>当选人名单: 职务, 姓名, 性别, 年龄, 得票, as the township reports them; 待定 while the election's validity is not established.</summary>
    private static void WriteElected(PageWriter writer, ElectionDefinition definition, ElectionTally tally, bool established)
    {
        var elected = ElectedPeople.Of(definition, tally);
        if (elected.Count == 0 || tally.Provisional)
        {
            return;
        }

        writer.Gap(4);
        writer.KeepTogether(16 + (7 * Math.Min(elected.Count, 6)));
        writer.Text(established ? "当选人名单" : "当选人名单（待定）", 12, bold: true);
        writer.Row([("职务", 40), ("姓名", 44), ("性别", 26), ("年龄", 26), ("得票", 38)], header: true);
        foreach (var person in elected)
        {
            writer.Row([(person.Post, 40), (person.Name, 44), (GenderName(person.Gender), 26), (person.Age?.ToString(CultureInfo.InvariantCulture) ?? "", 26), (person.Votes.ToString(CultureInfo.InvariantCulture), 38)], header: false);
        }
    }

    /// <summary>The 另行选举 the result calls for: for each post left short, who stands (those not elected, most votes first), or why the meeting decides.</summary>
    private static void WriteNextRound(PageWriter writer, ElectionDefinition definition, ElectionTally tally)
    {
        if (tally.Provisional || !tally.ElectionValid || tally.Contests.All(c => c.Outcome is not { SeatsLeft: > 0 }))
        {
            return;
        }

        var (round, problems) = SupplementaryRound.From(definition, tally);
        writer.Gap(4);
        writer.Text("另行选举", 12, bold: true);
        if (round is not null)
        {
            foreach (var c in round.Contests)
            {
                writer.Text($"{c.Title}：应选 {c.Seats} 名{(c.WomenOnly ? "（妇女名额）" : string.Empty)}，候选人 {string.Join("、", c.Standing.Select(s => $"{s.Name}（{s.Votes} 票）"))}。得票多者当选，但不得少于投票数的{definition.RuleProfile.SupplementaryRoundMinimum?.ToString() ?? "三分之一"}。", 10);
            }
        }
        else
        {
            foreach (var tie in problems.Where(p => p.Code == NextRoundProblemCode.TieForTheMeeting))
            {
                writer.Text($"{tie.Contest}：{string.Join("、", tie.Names ?? [])} 得票相同，争 {tie.Figure} 个候选人位置，由选举大会决定谁成为另行选举的候选人。", 10);
            }
        }
    }

    private static string GenderName(Gender gender) => gender switch { Gender.Female => "女", Gender.Male => "男", _ => "" };

    /// <summary>
    /// 各轮当选情况: each round's posts (seats, how many it filled, its rule: 过半数, or 不少于三分之一 in a 另行选举) and everyone
    /// elected, with the round that elected them.
    /// </summary>
    private static void WriteRounds(PageWriter writer, IReadOnlyList<RoundOutcome> rounds)
    {
        writer.Gap(4);
        writer.KeepTogether(40);
        writer.Text("各轮当选情况", 12, bold: true);
        foreach (var round in rounds)
        {
            var posts = string.Join("；", round.Posts.Select(p => $"{p.Post} 应选 {p.Seats} 名，当选 {p.Filled} 名" + (p.Rule is { } rule ? $"（{rule.Description}）" : string.Empty)));
            writer.Text($"{RoundName(round.Round)}（选举编号 {round.ElectionId}，{round.Date:yyyy年M月d日}）：{(round.Valid ? posts : "选举无效")}。", 9);
        }

        writer.Row([("轮次", 30), ("职务", 40), ("姓名", 40), ("性别", 20), ("年龄", 20), ("得票", 24)], header: true);
        foreach (var round in rounds)
        {
            foreach (var person in round.Elected)
            {
                writer.Row([(RoundName(round.Round), 30), (person.Post, 40), (person.Name, 40), (GenderName(person.Gender), 20),
                    (person.Age?.ToString(CultureInfo.InvariantCulture) ?? "", 20), (person.Votes.ToString(CultureInfo.InvariantCulture), 24)], header: false);
            }
        }

        static string RoundName(int round) => round == 1 ? "第一轮" : $"另行选举（第 {round} 轮）";
    }

    /// <summary>The software's version, as built (the commit it was built from, when known).</summary>
    public static string SoftwareVersion { get; } =
        typeof(ResultReportPdf).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Lays text and table rows down the page, starting a new page when one is full.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private XGraphics? _g;
        private double _y = Bottom;
        private readonly List<string> _footers = [];

        private XGraphics G
        {
            get
            {
                if (_g is null || _y > Bottom - 8)
                {
                    _g?.Dispose();
                    var page = document.AddPage();
                    page.Width = XUnit.FromMillimeter(210);
                    page.Height = XUnit.FromMillimeter(297);
                    _g = XGraphics.FromPdfPage(page);
                    _y = 16;
                }

                return _g;
            }
        }

        public void Gap(double mm) => _y += mm;

        /// <summary>Starts a new page unless <paramref name="mm"/> millimetres are left on this one.</summary>
        public void KeepTogether(double mm)
        {
            if (_y + mm > Bottom - 8)
            {
                _y = Bottom;
            }
        }

        public void Text(string text, double sizePt, bool bold = false, bool centred = false)
        {
            var lineMm = sizePt * 0.5;
            foreach (var line in Wrap(text, sizePt, bold, Right - Left))
            {
                PdfText.Draw(G, line, sizePt, bold, new XRect(Left * PointsPerMm, _y * PointsPerMm, (Right - Left) * PointsPerMm, lineMm * PointsPerMm), centred);
                _y += lineMm + 0.8;
            }
        }

        public void Row(IReadOnlyList<(string Text, double WidthMm)> cells, bool header)
        {
            const double height = 7;
            var g = G;
            var pen = new XPen(XColors.Black, 0.3);
            var x = Left;
            foreach (var (text, width) in cells)
            {
                var rect = new XRect(x * PointsPerMm, _y * PointsPerMm, width * PointsPerMm, height * PointsPerMm);
                g.DrawRectangle(pen, rect);
                PdfText.Draw(g, text, 10, header, rect, centred: true);
                x += width;
            }

            _y += height;
        }

        public void Footer(string text) => _footers.Add(text);

        public void Qr(string text, double sizeMm)
        {
            var matrix = Imaging.QrMatrix.Encode(text, Imaging.QrErrorCorrection.M);
            if (_y + sizeMm > Bottom - 8)
            {
                _y = Bottom;
            }

            var g = G;
            QrDrawing.Draw(g, matrix, Left * PointsPerMm, _y * PointsPerMm, sizeMm / matrix.Size * PointsPerMm);
            _y += sizeMm + 2;
        }

        public void Dispose()
        {
            _g?.Dispose();
            for (var i = 0; i < document.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                var text = $"第{i + 1}页 共{document.PageCount}页　" + string.Join(" ", _footers);
                foreach (var (line, k) in Wrap(text, 7, bold: false, Right - Left).Select((l, k) => (l, k)))
                {
                    PdfText.Draw(g, line, 7, bold: false, new XRect(Left * PointsPerMm, (286 + (k * 3.5)) * PointsPerMm, (Right - Left) * PointsPerMm, 3 * PointsPerMm), centred: false);
                }
            }
        }

        /// <summary>Breaks text into lines that fit <paramref name="widthMm"/> (character by character: Chinese has no spaces;
        /// a character outside the BMP, 𠮷, is one character, never split).</summary>
        private static List<string> Wrap(string text, double sizePt, bool bold, double widthMm)
        {
            using var measure = XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);
            var lines = new List<string>();
            var current = string.Empty;
            // A number or a Latin word (675, 53.6%, BallotScan) is one piece, never broken across lines.
            foreach (var c in System.Text.RegularExpressions.Regex.Split(text, "([0-9A-Za-z.,%+\\-]+)").Where(p => p.Length > 0).SelectMany(p => char.IsAsciiLetterOrDigit(p[0]) ? [p] : p.EnumerateRunes().Select(r => r.ToString())))
            {
                if (PdfText.Width(measure, current + c, sizePt, bold) > widthMm * PointsPerMm && current.Length > 0)
                {
                    lines.Add(current);
                    current = string.Empty;
                }

                current += c;
            }

            lines.Add(current);
            return lines;
        }
    }
}
