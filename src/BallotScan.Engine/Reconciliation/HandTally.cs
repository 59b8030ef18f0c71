using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Reconciliation;

/// <summary>A hand-tally file that cannot be used, with where and why, in words for the counters.</summary>
public sealed class HandTallyException(string message) : Exception(message);

/// <summary>
/// The hand count (唱票/计票), in the shape of the result report: one line per figure or per candidate and kind, as
/// <c>line,contest,name,count</c> (Chinese headers and line names accepted: 项目,职位,姓名,票数; 赞成, 不赞成, 弃权, 另选他人, 发出选票 …).
/// Read from CSV, JSON (<c>{"lines": [{"line": "赞成", "contest": "主任", "name": "王建华", "count": 812}]}</c>) or .xlsx
/// (the first worksheet, the same four columns).
/// </summary>
public static class HandTally
{
    /// <summary>Reads a hand tally by its file extension; contests may be given by id or by title.</summary>
    public static IReadOnlyList<TallyLine> Load(string path, ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        IEnumerable<(int Row, string Line, string Contest, string Name, string Count)> rows = extension switch
        {
            ".csv" or ".txt" => CsvRows(File.ReadAllText(path, Encoding.UTF8)),
            ".json" => JsonRows(File.ReadAllText(path, Encoding.UTF8)),
            ".xlsx" => XlsxRows(path),
            _ => throw new HandTallyException($"{Path.GetFileName(path)}: a hand tally must be a .csv, .json or .xlsx file."),
        };
        return Lines(rows, definition, Path.GetFileName(path));
    }

    /// <summary>Reads CSV text (UTF-8, comma-separated, a header row first).</summary>
    public static IReadOnlyList<TallyLine> ParseCsv(string text, ElectionDefinition definition) => Lines(CsvRows(text), definition, "hand tally");

    /// <summary>The lines as CSV, with Chinese line names: the shape counters fill in and the result CSV has.</summary>
    public static string ToCsv(IEnumerable<TallyLine> lines, ElectionDefinition definition, bool blankCounts = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder("项目,职位,姓名,票数\n");
        foreach (var l in lines)
        {
            var title = l.Contest is null ? string.Empty : definition.Contests.FirstOrDefault(c => c.Id == l.Contest)?.Title ?? l.Contest;
            text.Append(CultureInfo.InvariantCulture, $"{ResultLines.Chinese[l.Kind]},{CsvField(title)},{CsvField(l.Name)},{(blankCounts ? string.Empty : l.Count.ToString(CultureInfo.InvariantCulture))}\n");
        }

        return text.ToString();
    }

    /// <summary>One CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break; empty for null.</summary>
    public static string CsvField(string? field) => field is null ? string.Empty : field.IndexOfAny([',', '"', '\n']) < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static List<TallyLine> Lines(IEnumerable<(int Row, string Line, string Contest, string Name, string Count)> rows, ElectionDefinition definition, string file)
    {
        var lines = new List<TallyLine>();
        var seen = new HashSet<(LineKind, string, string)>();
        foreach (var (row, lineText, contestText, nameText, countText) in rows)
        {
            if (string.IsNullOrWhiteSpace(lineText) && string.IsNullOrWhiteSpace(countText))
            {
                continue;
            }

            var kind = ResultLines.Parse(lineText) ?? throw new HandTallyException($"{file}, row {row}: '{lineText}' is not a line of the result report (赞成, 不赞成, 弃权, 另选他人, 发出选票, 收回选票, 有效票, 无效票, 应到人数, 实到人数).");
            if (!int.TryParse(countText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 0)
            {
                throw new HandTallyException($"{file}, row {row}: the count '{countText}' is not a whole number.");
            }

            string? contest = null, name = null;
            if (kind is LineKind.Approve or LineKind.Disapprove or LineKind.Abstain or LineKind.WriteIn)
            {
                var c = definition.Contests.FirstOrDefault(c => c.Id == contestText.Trim() || c.Title == contestText.Trim())
                    ?? throw new HandTallyException($"{file}, row {row}: '{contestText}' is not a contest of this election ({string.Join(", ", definition.Contests.Select(c => c.Title))}).");
                contest = c.Id;
                name = PersonName.Normalise(nameText) ?? throw new HandTallyException($"{file}, row {row}: a {ResultLines.Chinese[kind]} line needs a name.");
                if (kind != LineKind.WriteIn && c.Candidates.All(x => x.Name != name))
                {
                    throw new HandTallyException($"{file}, row {row}: {name} is not a listed candidate for {c.Title}; a written-in name goes on a 另选他人 line.");
                }
            }

            var line = new TallyLine(kind, contest, name, count);
            if (!seen.Add(line.Key))
            {
                throw new HandTallyException($"{file}, row {row}: this line appears twice.");
            }

            lines.Add(line);
        }

        return lines;
    }

    private static IEnumerable<(int, string, string, string, string)> CsvRows(string text)
    {
        var records = CsvRecords(text.TrimStart('\uFEFF'));
        for (var i = 1; i < records.Count; i++)
        {
            var r = records[i];
            string Field(int k) => k < r.Count ? r[k] : string.Empty;
            yield return (i + 1, Field(0), Field(1), Field(2), Field(3));
        }
    }

    /// <summary>RFC 4180 records: quotes, doubled quotes, commas and line breaks inside quotes.</summary>
    public static List<List<string>> CsvRecords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }

    private static List<(int, string, string, string, string)> JsonRows(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new HandTallyException($"The hand tally is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
            {
                throw new HandTallyException("The hand tally JSON needs a \"lines\" array.");
            }

            var result = new List<(int, string, string, string, string)>();
            var i = 0;
            foreach (var l in lines.EnumerateArray())
            {
                i++;
                string Text(string property) => l.TryGetProperty(property, out var v) ? v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString() ?? string.Empty : string.Empty;
                result.Add((i, Text("line"), Text("contest"), Text("name"), Text("count")));
            }

            return result;
        }
    }

    private static List<(int, string, string, string, string)> XlsxRows(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            var shared = zip.GetEntry("xl/sharedStrings.xml") is { } s
                ? Load(s).Descendants(main + "si").Select(si => string.Concat(si.Descendants(main + "t").Select(t => t.Value))).ToList()
                : [];
            var sheet = zip.GetEntry("xl/worksheets/sheet1.xml") ?? throw new HandTallyException($"{Path.GetFileName(path)}: no worksheet found.");
            var rows = new List<(int, string, string, string, string)>();
            foreach (var row in Load(sheet).Descendants(main + "row"))
            {
                var cells = new string[4];
                foreach (var cell in row.Elements(main + "c"))
                {
                    var column = ColumnIndex((string?)cell.Attribute("r") ?? "A");
                    if (column >= 4)
                    {
                        continue;
                    }

                    var type = (string?)cell.Attribute("t");
                    var value = cell.Element(main + "v")?.Value ?? string.Empty;
                    cells[column] = type switch
                    {
                        "s" => shared[int.Parse(value, CultureInfo.InvariantCulture)],
                        "inlineStr" => string.Concat(cell.Descendants(main + "t").Select(t => t.Value)),
                        _ => value,
                    };
                }

                var number = int.Parse((string?)row.Attribute("r") ?? "0", CultureInfo.InvariantCulture);
                if (number > 1)
                {
                    rows.Add((number, cells[0] ?? string.Empty, cells[1] ?? string.Empty, cells[2] ?? string.Empty, cells[3] ?? string.Empty));
                }
            }

            return rows;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or FormatException or ArgumentOutOfRangeException)
        {
            throw new HandTallyException($"{Path.GetFileName(path)} is not a readable .xlsx workbook ({e.Message}).");
        }

        static XDocument Load(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            return XDocument.Load(stream);
        }

        static int ColumnIndex(string reference)
        {
            var index = 0;
            foreach (var c in reference.TakeWhile(char.IsLetter))
            {
                index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            }

            return index - 1;
        }
    }
}
