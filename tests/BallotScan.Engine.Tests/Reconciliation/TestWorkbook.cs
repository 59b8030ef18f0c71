using System.IO.Compression;
using System.Security;
using System.Text;

namespace BallotScan.Engine.Tests.Reconciliation;

/// <summary>A minimal but complete .xlsx (what Excel and WPS write, reduced to what a reader needs): named sheets of text and numbers.</summary>
internal static class TestWorkbook
{
    public static void Write(string path, params (string Sheet, string[][] Rows)[] sheets)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Entry(string name, string xml)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }

        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        Entry("[Content_Types].xml", $"""
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            {string.Concat(sheets.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))}
            </Types>
            """);
        Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Rels}"><sheets>{string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Sheet)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"))}</sheets></workbook>""");
        Entry("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"{Rels}/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))}</Relationships>""");
        for (var s = 0; s < sheets.Length; s++)
        {
            var rows = sheets[s].Rows.Select((row, r) => $"<row r=\"{r + 1}\">{string.Concat(row.Select((cell, c) => Cell(cell, $"{(char)('A' + c)}{r + 1}")))}</row>");
            Entry($"xl/worksheets/sheet{s + 1}.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{string.Concat(rows)}</sheetData></worksheet>""");
        }

        static string Cell(string text, string reference) => text.Length == 0 ? string.Empty
            : int.TryParse(text, out var n) ? $"<c r=\"{reference}\"><v>{n}</v></c>"
            : $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>";
    }
}
