using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>
/// Builds a <see cref="DisclosureDocument"/> from extracted text. Tables are recognised in three shapes:
/// tab-separated rows (one row per line), Markdown pipe rows, and "one cell per line" blocks (cells start with a tab,
/// rows separated by blank lines, as produced by copying Word tables). Everything else is narrative.
/// </summary>
public static partial class DisclosureParser
{
    public static DisclosureDocument Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Normalize(text);
        var lines = normalized.Split('\n');
        var paragraphs = new List<NarrativeParagraph>();
        var tables = new List<DisclosureTable>();
        var rawParagraphs = new List<(string Text, int Line)>();

        // current table being built
        List<IReadOnlyList<string>>? rows = null;
        List<int>? rowLines = null;
        int tableLine = 0;
        var recent = new List<string>(); // recent paragraphs (for titles and units)

        void FlushTable()
        {
            if (rows is { Count: > 0 } && rowLines is not null)
            {
                var (title, unit, detected) = TitleAndUnit(recent, rows);
                tables.Add(new DisclosureTable(tables.Count + 1, title, unit, detected, tableLine, rows, rowLines));
                recent.Clear();
            }
            rows = null;
            rowLines = null;
        }

        void AddRow(IReadOnlyList<string> cells, int line)
        {
            if (rows is null)
            {
                rows = [];
                rowLines = [];
                tableLine = line;
            }
            rows.Add(cells);
            rowLines!.Add(line);
        }

        int i = 0;
        while (i < lines.Length)
        {
            if (IsBlank(lines[i]))
            {
                i++;
                continue;
            }
            // a group of non-blank lines
            int start = i;
            while (i < lines.Length && !IsBlank(lines[i]))
            {
                i++;
            }
            var group = lines[start..i];
            bool internalTabs = group.Any(l => l.TrimStart('\t').Contains('\t', StringComparison.Ordinal) && l.Trim().Length > 0);
            bool cellPerLine = !internalTabs && group.Any(l => l.StartsWith('\t')) && (group.Length >= 2 || rows is not null);
            if (cellPerLine)
            {
                var cells = new List<string>();
                foreach (var l in group)
                {
                    if (l.StartsWith('\t') || cells.Count == 0)
                    {
                        cells.Add(CleanCell(l));
                    }
                    else
                    {
                        cells[^1] += CleanCell(l);
                    }
                }
                AddRow(cells, start + 1);
                continue;
            }
            for (int k = 0; k < group.Length; k++)
            {
                var l = group[k];
                var trimmed = l.Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }
                if (trimmed.StartsWith('|') && trimmed.Count(c => c == '|') >= 2)
                {
                    var cells = trimmed.Trim('|').Split('|').Select(CleanCell).ToList();
                    if (cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':' or ' ')))
                    {
                        continue;
                    }
                    AddRow(cells, start + k + 1);
                }
                else if (internalTabs && l.TrimStart('\t').Contains('\t', StringComparison.Ordinal))
                {
                    AddRow(l.Split('\t').Select(CleanCell).ToList(), start + k + 1);
                }
                else
                {
                    if (rows is not null && IsTableNoise(trimmed))
                    {
                        continue;
                    }
                    FlushTable();
                    rawParagraphs.Add((trimmed, start + k + 1));
                    recent.Add(trimmed);
                    if (recent.Count > 4)
                    {
                        recent.RemoveAt(0);
                    }
                }
            }
        }
        FlushTable();

        // join paragraphs broken by page breaks, then split into sentences
        string section = "";
        var joined = new List<(string Text, int Line)>();
        foreach (var p in rawParagraphs)
        {
            var clean = CleanParagraph(p.Text);
            if (clean.Length == 0)
            {
                continue;
            }
            if (joined.Count > 0 && ShouldJoin(joined[^1].Text, clean))
            {
                joined[^1] = (joined[^1].Text + clean, joined[^1].Line);
            }
            else
            {
                joined.Add((clean, p.Line));
            }
        }
        var sentences = new List<NarrativeSentence>();
        foreach (var (ptext, pline) in joined)
        {
            bool heading = IsHeading(ptext);
            if (heading)
            {
                section = ptext.Length > 30 ? ptext[..30] : ptext;
            }
            paragraphs.Add(new NarrativeParagraph(ptext, pline, heading, section));
            foreach (var s in SplitSentences(ptext))
            {
                sentences.Add(new NarrativeSentence(s, pline, section, FigureExtractor.Extract(s)));
            }
        }

        var title = paragraphs.Take(6).Select(p => p.Text).FirstOrDefault(t => YearTitle().IsMatch(t))
                    ?? paragraphs.FirstOrDefault()?.Text ?? name;
        int year = DetectYear(title, normalized);
        var phase = title.Contains("决算", StringComparison.Ordinal) ? DisclosurePhase.FinalAccounts : DisclosurePhase.Budget;
        return new DisclosureDocument(name, title, year, phase, paragraphs, sentences, tables, normalized);
    }

    /// <summary>Full-width digits and signs to half-width, ≧/≦ to ≥/≤, LaTeX \geq, HTML tags and Word bookmarks removed.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\u2E80' and <= '\u2FDF')
            {
                // Kangxi / CJK radicals that PDF fonts use for ordinary ideographs (⽀ → 支)
                sb.Append(c.ToString().Normalize(NormalizationForm.FormKC));
                continue;
            }
            sb.Append(c switch
            {
                >= '０' and <= '９' => (char)(c - '０' + '0'),
                '．' => '.',
                '％' => '%',
                '≧' => '≥',
                '≦' => '≤',
                '＜' => '<',
                '＞' => '>',
                '＝' => '=',
                '\u3000' or '\u00A0' => ' ',
                '\r' => '\n',
                _ => c,
            });
        }
        var s = sb.ToString().Replace("\n\n", "\n\n", StringComparison.Ordinal);
        s = s.Replace("\\geq", "≥", StringComparison.Ordinal).Replace("\\leq", "≤", StringComparison.Ordinal)
             .Replace("\\%", "%", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal)
             .Replace("\\ge ", "≥", StringComparison.Ordinal).Replace("\\le ", "≤", StringComparison.Ordinal);
        s = HtmlTag().Replace(s, "");
        s = Bookmark().Replace(s, "");
        // half-width comma used as Chinese punctuation (not a thousands separator)
        s = LooseComma().Replace(s, "，");
        return s;
    }

    private static bool IsBlank(string line) => !line.Contains('\t', StringComparison.Ordinal) && string.IsNullOrWhiteSpace(line);

    private static bool IsTableNoise(string line) =>
        line.Length <= 4 && (line.All(char.IsAsciiDigit) || line.StartsWith('表'));

    private static string CleanCell(string cell) =>
        cell.Replace("**", "", StringComparison.Ordinal).Trim().Trim('\t').Trim();

    private static string CleanParagraph(string p)
    {
        var s = p.Trim();
        s = s.TrimStart('#').Trim();
        if (s.StartsWith("- ", StringComparison.Ordinal) || s.StartsWith("* ", StringComparison.Ordinal))
        {
            s = s[2..].Trim();
        }
        s = s.Replace("**", "", StringComparison.Ordinal);
        return s.Trim();
    }

    private static bool ShouldJoin(string previous, string next)
    {
        if (previous.Length < 30 || IsHeading(previous))
        {
            return false;
        }
        char last = previous[^1];
        if ("。；：！？;:!?）)".Contains(last, StringComparison.Ordinal))
        {
            return false;
        }
        return !IsHeading(next) && !ListItem().IsMatch(next);
    }

    public static bool IsHeading(string p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Length > 40 || p.Contains('。', StringComparison.Ordinal))
        {
            return false;
        }
        return HeadingStart().IsMatch(p) || !p.Contains('，', StringComparison.Ordinal);
    }

    private static IEnumerable<string> SplitSentences(string paragraph)
    {
        int start = 0;
        for (int i = 0; i < paragraph.Length; i++)
        {
            if (paragraph[i] is '。' or '！' or '？')
            {
                var s = paragraph[start..(i + 1)].Trim();
                if (s.Length > 0)
                {
                    yield return s;
                }
                start = i + 1;
            }
        }
        if (start < paragraph.Length)
        {
            var s = paragraph[start..].Trim();
            if (s.Length > 0)
            {
                yield return s;
            }
        }
    }

    private static (string Title, FigureUnit Unit, bool Detected) TitleAndUnit(List<string> recent, List<IReadOnlyList<string>> rows)
    {
        string title = "";
        FigureUnit unit = FigureUnit.WanYuan;
        bool detected = false;
        foreach (var p in Enumerable.Reverse(recent))
        {
            var m = UnitPattern().Match(p);
            if (m.Success && !detected)
            {
                unit = m.Groups["u"].Value == "元" ? FigureUnit.Yuan : FigureUnit.WanYuan;
                detected = true;
            }
            var t = CleanParagraph(p);
            if (title.Length == 0 && t.Length is > 3 and < 60 && !UnitPattern().IsMatch(t) && !t.EndsWith('。') &&
                (t.EndsWith('表') || t.Contains("情况", StringComparison.Ordinal) || t.Contains("表（", StringComparison.Ordinal) || t.Contains("表(", StringComparison.Ordinal)))
            {
                title = t;
            }
        }
        if (!detected)
        {
            foreach (var cell in rows.Take(4).SelectMany(r => r))
            {
                var m = UnitPattern().Match(cell);
                if (m.Success)
                {
                    unit = m.Groups["u"].Value == "元" ? FigureUnit.Yuan : FigureUnit.WanYuan;
                    detected = true;
                    break;
                }
            }
        }
        if (title.Length == 0)
        {
            title = recent.Select(CleanParagraph).LastOrDefault(t => t.Length is > 3 and < 60 && !UnitPattern().IsMatch(t) && !t.EndsWith('。')) ?? "";
        }
        return (title, unit, detected);
    }

    private static int DetectYear(string title, string text)
    {
        var m = YearInText().Match(title);
        if (m.Success)
        {
            return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        var counts = YearInText().Matches(text.Length > 5000 ? text[..5000] : text)
            .Select(x => int.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(y => y is > 2000 and < 2100)
            .GroupBy(y => y).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault();
        return counts?.Key ?? 0;
    }

    [GeneratedRegex(@"<[a-zA-Z/][^>]{0,20}>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\[bookmark:[^\]]*\]")]
    private static partial Regex Bookmark();

    [GeneratedRegex(@"(?<=[\u4e00-\u9fa5）)])\s*,\s*|,(?=[\u4e00-\u9fa5])")]
    private static partial Regex LooseComma();

    [GeneratedRegex(@"单位\s*[:：]\s*(?<u>万元|元)|[（(]\s*(?<u>万元|元)\s*[）)]")]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"(20\d{2})\s*年")]
    private static partial Regex YearInText();

    [GeneratedRegex(@"20\d{2}\s*年.{0,20}(预算|决算)")]
    private static partial Regex YearTitle();

    [GeneratedRegex(@"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．]|项目[一二三四五六七八九十]+)")]
    private static partial Regex HeadingStart();

    [GeneratedRegex(@"^(\d+[、.．]|[（(]?\d+[）)]|[一二三四五六七八九十]+[、是])")]
    private static partial Regex ListItem();
}
