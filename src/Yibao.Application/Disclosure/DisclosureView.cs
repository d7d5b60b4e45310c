using System.Globalization;
using System.Text.RegularExpressions;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Application.Disclosure;

/// <summary>Where a finding points in the document: a source line, and for tables the parsed row and column.</summary>
public sealed record FindingPlace(int Line, int? Column)
{
    /// <summary>HTML anchor of the place: <c>L12</c> for a line or table row, <c>L12C3</c> for a table cell.</summary>
    public string Anchor => Column is { } c ? string.Create(CultureInfo.InvariantCulture, $"L{Line}C{c}") : string.Create(CultureInfo.InvariantCulture, $"L{Line}");
}

/// <summary>A finding with its number in the report (1-based) and its place in the document (null: the whole document).</summary>
public sealed record LocatedFinding(int Number, Finding Finding, FindingPlace? Place);

/// <summary>A span of a paragraph line; <see cref="Findings"/> lists the numbers of the findings that point at it (empty: plain text).</summary>
public sealed record ViewSpan(string Text, IReadOnlyList<int> Findings);

/// <summary>A block of the document view: a narrative line, or a table with the findings of each row and cell.</summary>
public abstract record ViewBlock(int Line);

public sealed record ViewParagraph(int Line, IReadOnlyList<ViewSpan> Spans, IReadOnlyList<int> LineFindings) : ViewBlock(Line);

public sealed record ViewTable(int Line, DisclosureTable Table, IReadOnlyDictionary<string, IReadOnlyList<int>> Marks) : ViewBlock(Line)
{
    /// <summary>Findings pointing at a cell (<paramref name="col"/> ≥ 0) or a whole row (<paramref name="col"/> = -1).</summary>
    public IReadOnlyList<int> FindingsAt(int row, int col) =>
        Marks.TryGetValue(Key(Table.RowLines[row], col), out var list) ? list : [];

    internal static string Key(int line, int col) => string.Create(CultureInfo.InvariantCulture, $"{line}:{col}");
}

/// <summary>
/// The document as the upload page shows it: every source line (of the normalised text the parser read), tables rebuilt
/// from the parsed rows, and each finding placed at its table cell, table row or sentence, so the page can highlight it
/// and link to it from the findings list.
/// </summary>
public sealed partial class DisclosureView
{
    private DisclosureView(DisclosureReport report, DisclosureDocument document, IReadOnlyList<LocatedFinding> findings, IReadOnlyList<ViewBlock> blocks)
    {
        Report = report;
        Document = document;
        Findings = findings;
        Blocks = blocks;
    }

    public DisclosureReport Report { get; }

    public DisclosureDocument Document { get; }

    public IReadOnlyList<LocatedFinding> Findings { get; }

    public IReadOnlyList<ViewBlock> Blocks { get; }

    /// <summary>Severity of the most severe of the given findings (by number).</summary>
    public FindingSeverity WorstOf(IEnumerable<int> numbers) =>
        numbers.Select(n => Findings[n - 1].Finding.Severity).DefaultIfEmpty(FindingSeverity.Info).Min();

    /// <summary>Rules that occur in the report, in catalog order.</summary>
    public IReadOnlyList<RuleDefinition> RulesPresent =>
        RuleCatalog.All.Where(r => Report.Findings.Any(f => f.Rule == r.Id)).ToList();

    /// <summary>Parses the source line (and table column) out of a finding's location text.</summary>
    public static FindingPlace? Locate(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var cell = CellLocation().Match(location);
        if (cell.Success)
        {
            return new FindingPlace(Int(cell.Groups["line"].Value), Int(cell.Groups["col"].Value) - 1);
        }
        var row = RowLocation().Match(location);
        if (row.Success)
        {
            return new FindingPlace(Int(row.Groups["line"].Value), null);
        }
        var line = LineLocation().Match(location);
        return line.Success ? new FindingPlace(Int(line.Groups["line"].Value), null) : null;
    }

    public static DisclosureView Build(DisclosureReport report, string text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        var document = DisclosureParser.Parse(report.Document, text);
        var lines = DisclosureParser.Normalize(text).Split('\n');
        var located = report.Findings.Select((f, i) => new LocatedFinding(i + 1, f, Locate(f.Location))).ToList();

        var tableByFirstLine = new Dictionary<int, DisclosureTable>();
        var tableLines = new HashSet<int>();
        foreach (var t in document.Tables)
        {
            if (t.RowLines.Count == 0)
            {
                continue;
            }
            tableByFirstLine[t.RowLines[0]] = t;
            for (int l = t.RowLines[0]; l <= t.RowLines[^1]; l++)
            {
                tableLines.Add(l);
            }
        }

        var blocks = new List<ViewBlock>();
        for (int n = 1; n <= lines.Length; n++)
        {
            if (tableByFirstLine.TryGetValue(n, out var table))
            {
                var rowLines = table.RowLines.ToHashSet();
                var marks = located
                    .Where(f => f.Place is { } p && rowLines.Contains(p.Line))
                    .GroupBy(f => ViewTable.Key(f.Place!.Line, f.Place.Column ?? -1))
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(f => f.Number).ToList(), StringComparer.Ordinal);
                blocks.Add(new ViewTable(n, table, marks));
                continue;
            }
            if (tableLines.Contains(n) || string.IsNullOrWhiteSpace(lines[n - 1]))
            {
                continue;
            }
            var lineText = lines[n - 1].Trim();
            var here = located.Where(f => f.Place is { Column: null } p && p.Line == n).ToList();
            blocks.Add(Paragraph(n, lineText, here, document));
        }
        return new DisclosureView(report, document, located, blocks);
    }

    private static ViewParagraph Paragraph(int line, string text, List<LocatedFinding> findings, DisclosureDocument document)
    {
        if (findings.Count == 0)
        {
            return new ViewParagraph(line, [new ViewSpan(text, [])], []);
        }
        // place each finding on the sentence of this line that carries its figures; otherwise on the whole line
        var sentences = document.Sentences.Where(s => s.Line == line).ToList();
        var ranges = new List<(int Start, int End, int Number)>();
        var wholeLine = new List<int>();
        foreach (var f in findings)
        {
            var sentence = sentences.Count == 1 ? sentences[0] : sentences.FirstOrDefault(s => Mentions(s.Text, f.Finding));
            int at = sentence is null ? -1 : text.IndexOf(sentence.Text, StringComparison.Ordinal);
            if (at >= 0)
            {
                ranges.Add((at, at + sentence!.Text.Length, f.Number));
            }
            else
            {
                wholeLine.Add(f.Number);
            }
        }
        // cut the line at every range boundary; each piece carries the findings whose range covers it
        var cuts = ranges.SelectMany(r => new[] { r.Start, r.End }).Append(0).Append(text.Length).Distinct().Order().ToList();
        var spans = new List<ViewSpan>();
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            var (a, b) = (cuts[i], cuts[i + 1]);
            var covering = ranges.Where(r => r.Start <= a && r.End >= b).Select(r => r.Number).Distinct().ToList();
            spans.Add(new ViewSpan(text[a..b], covering));
        }
        return new ViewParagraph(line, spans, wholeLine);
    }

    private static bool Mentions(string sentence, Finding finding)
    {
        foreach (var v in new[] { finding.Actual, finding.Expected })
        {
            if (v is null)
            {
                continue;
            }
            var number = NumberPart().Match(v);
            if (number.Success && decimal.TryParse(number.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
            {
                var plain = d.ToString("0.##", CultureInfo.InvariantCulture);
                if (sentence.Contains(plain, StringComparison.Ordinal) || sentence.Contains(d.ToString("0.00", CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"第\d+行第(?<col>\d+)列（原文第(?<line>\d+)行）")]
    private static partial Regex CellLocation();

    [GeneratedRegex(@"第\d+行（原文第(?<line>\d+)行）")]
    private static partial Regex RowLocation();

    [GeneratedRegex(@"^第(?<line>\d+)行")]
    private static partial Regex LineLocation();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPart();
}
