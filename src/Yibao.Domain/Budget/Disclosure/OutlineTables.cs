using System.Text.RegularExpressions;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>
/// Tables whose rows form an outline without classification codes: the row labels carry ordinal prefixes
/// (一、 / （一） / 1. 1、 / (1) / ①) and the nesting follows from the order in which the prefix styles first
/// appear in the column, not from indentation. Each parent row must equal the sum of its direct children per
/// amount column, and a 合计/总计 row the sum of the top level it closes (or opens).
/// A table may hold several label columns side by side (收支总表: 收入 | 预算数 | 支出 | 预算数); each label
/// column is checked with the amount columns to its right, up to the next label column.
/// </summary>
public static partial class OutlineTables
{
    /// <summary>Ordinal prefix styles; one style is one outline level within a column.</summary>
    public enum Style
    {
        ChineseComma,
        ParenChinese,
        Arabic,
        ParenArabic,
        Circled,
    }

    /// <summary>Reads an outline prefix at the start of a label (一、 （二） 3. 4、 (5) ⑥); a 序号 column may hold the bare ordinal (一 / 1).</summary>
    public static bool TryPrefix(string label, bool bareAllowed, out Style style, out int ordinal)
    {
        ArgumentNullException.ThrowIfNull(label);
        style = default;
        ordinal = 0;
        var l = Clean(label);
        var m = (bareAllowed ? Bare() : Prefix()).Match(l);
        if (!m.Success)
        {
            return false;
        }
        if (m.Groups["cn"].Success)
        {
            style = Style.ChineseComma;
            ordinal = ChineseNumber(m.Groups["cn"].Value);
        }
        else if (m.Groups["pcn"].Success)
        {
            style = Style.ParenChinese;
            ordinal = ChineseNumber(m.Groups["pcn"].Value);
        }
        else if (m.Groups["ar"].Success)
        {
            style = Style.Arabic;
            ordinal = int.Parse(m.Groups["ar"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (m.Groups["par"].Success)
        {
            style = Style.ParenArabic;
            ordinal = int.Parse(m.Groups["par"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            style = Style.Circled;
            ordinal = m.Groups["ci"].Value[0] - '①' + 1;
        }
        return ordinal > 0;
    }

    /// <summary>一 … 九十九 → 1 … 99; 0 when not a Chinese numeral.</summary>
    public static int ChineseNumber(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        const string digits = "零一二三四五六七八九";
        int value = 0, current = 0;
        foreach (var ch in s)
        {
            int d = digits.IndexOf(ch, StringComparison.Ordinal);
            if (d >= 0)
            {
                current = d;
            }
            else if (ch == '十')
            {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else
            {
                return 0;
            }
        }
        return value + current;
    }

    private static string Clean(string cell) =>
        Tag().Replace(cell, "").Replace("**", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal).Trim();

    private static bool IsTotalLabel(string label)
    {
        var l = Clean(label);
        return l.Length <= 12 && (l.EndsWith("合计", StringComparison.Ordinal) || l.EndsWith("总计", StringComparison.Ordinal) || l is "合计" or "总计");
    }

    private static bool IsOfWhich(string label)
    {
        var l = Clean(label);
        return l.StartsWith("其中", StringComparison.Ordinal) || l.StartsWith("含：", StringComparison.Ordinal) || l.StartsWith("含:", StringComparison.Ordinal);
    }

    /// <summary>Tables of indicators (targets, rates) are not sums.</summary>
    private static bool ExcludedColumn(string header) =>
        header.Contains("指标", StringComparison.Ordinal) || header.Contains("目标", StringComparison.Ordinal) || header.Contains('率', StringComparison.Ordinal)
        || header.Contains('%', StringComparison.Ordinal) || header.Contains("权重", StringComparison.Ordinal) || header.Contains("分值", StringComparison.Ordinal);

    private sealed class Node(int row, Style style, int ordinal, int level, string label)
    {
        public int Row { get; } = row;
        public Style Style { get; } = style;
        public int Ordinal { get; } = ordinal;
        public int Level { get; } = level;
        public string Label { get; } = label;
        public List<Node> Children { get; } = [];
        public bool Reliable { get; set; } = true;
    }

    private sealed class Segment
    {
        public List<Node> Top { get; } = [];
        public int? TotalRow { get; set; }
        public bool Extras { get; set; }
    }

    public static void Check(DisclosureTable t, TableLayout l, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(findings);
        if (t.Title.Contains("绩效", StringComparison.Ordinal) || t.Title.Contains("指标", StringComparison.Ordinal))
        {
            return;
        }
        var labelColumns = LabelColumns(t, l);
        for (int i = 0; i < labelColumns.Count; i++)
        {
            var (col, bare) = labelColumns[i];
            int nextLabel = i + 1 < labelColumns.Count ? labelColumns[i + 1].Column : int.MaxValue;
            var values = l.AmountColumns.Where(c => c > col && c < nextLabel && !ExcludedColumn(Header(l, c))).ToList();
            if (values.Count > 0)
            {
                CheckColumn(t, l, col, bare, values, findings);
            }
        }
    }

    private static string Header(TableLayout l, int c) => c < l.ColumnHeaders.Count ? l.ColumnHeaders[c] : "";

    /// <summary>Columns where at least two rows carry an outline prefix (or a 序号 column of bare ordinals).</summary>
    private static List<(int Column, bool Bare)> LabelColumns(DisclosureTable t, TableLayout l)
    {
        var result = new List<(int, bool)>();
        for (int c = 0; c < t.ColumnCount; c++)
        {
            if (l.AmountColumns.Contains(c) || c == l.CodeColumn)
            {
                continue;
            }
            bool bare = Header(l, c).Contains("序号", StringComparison.Ordinal);
            int n = 0;
            for (int r = 0; r < t.Rows.Count && n < 2; r++)
            {
                if (TryPrefix(t.Cell(r, c), bare, out _, out _))
                {
                    n++;
                }
            }
            if (n >= 2)
            {
                result.Add((c, bare));
            }
        }
        return result;
    }

    private static string LabelOf(DisclosureTable t, int row, int col, bool bare)
    {
        var l = Clean(t.Cell(row, col));
        if (bare)
        {
            var name = Clean(t.Cell(row, col + 1));
            l = name.Length > 0 && !TableRules.TryAmount(name, out _) ? l + name : l;
        }
        return l;
    }

    private static void CheckColumn(DisclosureTable t, TableLayout l, int col, bool bare, List<int> values, List<Finding> findings)
    {
        var levels = new List<Style>();
        var stack = new List<Node>();
        var segments = new List<Segment> { new() };
        var parents = new List<Node>();
        for (int r = 0; r < t.Rows.Count; r++)
        {
            var cell = t.Cell(r, col);
            var nameCell = bare ? t.Cell(r, col + 1) : cell;
            bool hasAmount = values.Any(c => t.Cell(r, c).Trim().Length > 0);
            if (TryPrefix(cell, bare, out var style, out var ordinal))
            {
                int level = levels.IndexOf(style);
                if (level < 0)
                {
                    levels.Add(style);
                    level = levels.Count - 1;
                }
                while (stack.Count > 0 && stack[^1].Level >= level)
                {
                    stack.RemoveAt(stack.Count - 1);
                }
                var node = new Node(r, style, ordinal, level, LabelOf(t, r, col, bare));
                var siblings = stack.Count > 0 ? stack[^1].Children : segments[^1].Top;
                // ordinals must run 1, 2, 3 … among siblings of one style; otherwise the structure is not what it seems
                var expected = siblings.Count == 0 ? 1 : siblings[^1].Ordinal + 1;
                if (ordinal != expected || (siblings.Count > 0 && siblings[^1].Style != style))
                {
                    if (stack.Count > 0)
                    {
                        stack[^1].Reliable = false;
                    }
                    else
                    {
                        segments[^1].Extras = true;
                    }
                }
                if (stack.Count > 0 && stack[^1].Children.Count == 0)
                {
                    parents.Add(stack[^1]);
                }
                siblings.Add(node);
                stack.Add(node);
                continue;
            }
            if (IsTotalLabel(nameCell) && hasAmount)
            {
                var seg = segments[^1];
                if (seg.Top.Count == 0 && seg.TotalRow is null)
                {
                    seg.TotalRow = r; // 合计 above the items it sums
                }
                else
                {
                    if (seg.TotalRow is null)
                    {
                        seg.TotalRow = r;
                    }
                    segments.Add(new Segment());
                }
                stack.Clear();
                continue;
            }
            if (IsOfWhich(nameCell))
            {
                continue; // “其中：…” is a part of its row, not a sibling to add
            }
            if (!hasAmount)
            {
                continue; // a caption row without amounts adds nothing to any sum
            }
            // an unnumbered row with amounts: it may belong to any open level, so those levels cannot be checked
            foreach (var n in stack)
            {
                n.Reliable = false;
            }
            if (r >= l.HeaderRows)
            {
                segments[^1].Extras = true;
            }
            stack.Clear();
        }

        var unit = t.Unit == FigureUnit.Yuan ? "元" : "万元";
        foreach (var c in values)
        {
            foreach (var p in parents.Where(p => p.Reliable))
            {
                if (!TableRules.TryAmount(t.Cell(p.Row, c), out var parent))
                {
                    continue;
                }
                Compare(t, l, c, p.Label, parent, p.Children, unit, t.LocationOf(p.Row, c), findings);
            }
            foreach (var seg in segments.Where(s => s.TotalRow is not null && s.Top.Count > 0 && !s.Extras))
            {
                if (!TableRules.TryAmount(t.Cell(seg.TotalRow!.Value, c), out var total))
                {
                    continue;
                }
                Compare(t, l, c, Clean(bare ? t.Cell(seg.TotalRow.Value, col + 1) : t.Cell(seg.TotalRow.Value, col)), total, seg.Top, unit, t.LocationOf(seg.TotalRow.Value, c), findings);
            }
        }
    }

    private static void Compare(DisclosureTable t, TableLayout l, int c, string label, decimal stated, List<Node> children, string unit, string location, List<Finding> findings)
    {
        var parts = children.Select(ch => (ch.Label, Value: Effective(t, ch, c))).ToList();
        if (parts.Any(p => p.Value.Unknown) || parts.All(p => p.Value.Amount is null))
        {
            return; // a blank row over an unclear structure, or the detail left blank: nothing to compare
        }
        var f = BudgetArithmetic.CheckSum(RuleCatalog.TableOutline, $"{label}（{(Header(l, c).Length == 0 ? $"第{c + 1}列" : Header(l, c))}）", stated,
            parts.Select(p => (p.Label, p.Value.Amount ?? 0m)).ToList(), unit, location);
        if (f is not null)
        {
            findings.Add(f);
        }
    }

    /// <summary>
    /// A row's amount; a blank parent row stands for the sum of its children (null when everything below is blank).
    /// Unknown when a blank row's children cannot be trusted to be its parts, or a cell holds text instead of a number.
    /// </summary>
    private static (decimal? Amount, bool Unknown) Effective(DisclosureTable t, Node n, int c)
    {
        var cell = t.Cell(n.Row, c).Trim();
        if (TableRules.TryAmount(cell, out var v))
        {
            return (v, false);
        }
        if (cell.Length > 0 && cell is not ("-" or "—" or "－"))
        {
            return (null, true);
        }
        if (n.Children.Count == 0)
        {
            return (null, false);
        }
        if (!n.Reliable)
        {
            return (null, true);
        }
        var kids = n.Children.Select(k => Effective(t, k, c)).ToList();
        if (kids.Any(k => k.Unknown))
        {
            return (null, true);
        }
        return kids.All(k => k.Amount is null) ? (null, false) : (kids.Sum(k => k.Amount ?? 0m), false);
    }

    [GeneratedRegex(@"^(?:(?<cn>[一二三四五六七八九十]{1,3})[、，．.]|[（(](?<pcn>[一二三四五六七八九十]{1,3})[）)]|(?<ar>\d{1,2})(?:[、．]|\.(?!\d))|[（(](?<par>\d{1,2})[）)]|(?<ci>[①-⑳]))(?=\D|$)")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?:(?<cn>[一二三四五六七八九十]{1,3})[、．.]?|[（(](?<pcn>[一二三四五六七八九十]{1,3})[）)]|(?<ar>\d{1,2})[、．.]?|[（(](?<par>\d{1,2})[）)]|(?<ci>[①-⑳]))$")]
    private static partial Regex Bare();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
