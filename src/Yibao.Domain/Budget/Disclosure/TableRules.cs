using System.Globalization;
using System.Text.RegularExpressions;
using Yibao.Domain.Budget.Classification;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>The structure read off a table: header rows, code columns, amount columns.</summary>
public sealed record TableLayout(int HeaderRows, int CodeColumn, int SecondCodeColumn, IReadOnlyList<int> AmountColumns, IReadOnlyList<string> ColumnHeaders)
{
    public bool HasCodes => CodeColumn >= 0;
}

/// <summary>Arithmetic inside tables and between tables.</summary>
public static partial class TableRules
{
    public static bool TryAmount(string cell, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var c = cell.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        if (c.Length == 0 || !AmountCell().IsMatch(c))
        {
            value = 0;
            return false;
        }
        return decimal.TryParse(c, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    public static bool LooksLikeCode(string cell) => CodeCell().IsMatch(cell.Trim());

    public static TableLayout Layout(DisclosureTable t)
    {
        ArgumentNullException.ThrowIfNull(t);
        int cols = t.ColumnCount;
        // header rows: until the first row with an amount cell that is not a code
        int header = 0;
        for (; header < t.Rows.Count; header++)
        {
            var row = t.Rows[header];
            bool amount = false;
            for (int c = 0; c < row.Count && !amount; c++)
            {
                // a code is followed by its name; an amount is followed by another amount, a blank or nothing
                amount = TryAmount(row[c], out _) && (!LooksLikeCode(row[c]) || c + 1 >= row.Count || row[c + 1].Trim().Length == 0 || TryAmount(row[c + 1], out _));
            }
            if (amount)
            {
                break;
            }
        }
        header = Math.Min(header, t.Rows.Count);
        var headers = new string[cols];
        for (int c = 0; c < cols; c++)
        {
            headers[c] = string.Concat(Enumerable.Range(0, header).Select(r => t.Cell(r, c))).Replace(" ", "", StringComparison.Ordinal);
        }
        var codeCols = new List<int>();
        for (int c = 0; c < cols; c++)
        {
            if (headers[c].Contains("单位", StringComparison.Ordinal))
            {
                continue;
            }
            int codes = 0, others = 0;
            for (int r = header; r < t.Rows.Count; r++)
            {
                var v = t.Cell(r, c).Trim();
                if (v.Length == 0)
                {
                    continue;
                }
                if (LooksLikeCode(v) && c + 1 < cols && !TryAmount(t.Cell(r, c + 1), out _))
                {
                    codes++;
                }
                else
                {
                    others++;
                }
            }
            if (codes >= 2 && codes >= others)
            {
                codeCols.Add(c);
            }
        }
        var amountCols = new List<int>();
        for (int c = 0; c < cols; c++)
        {
            if (codeCols.Contains(c) || headers[c].Contains("编码", StringComparison.Ordinal) || headers[c].Contains("备注", StringComparison.Ordinal)
                || headers[c].Contains("数量", StringComparison.Ordinal) || headers[c].Contains("单价", StringComparison.Ordinal) || headers[c].Contains("序号", StringComparison.Ordinal))
            {
                continue;
            }
            bool any = false;
            for (int r = header; r < t.Rows.Count; r++)
            {
                if (TryAmount(t.Cell(r, c), out _) && !LooksLikeCode(t.Cell(r, c)))
                {
                    any = true;
                    break;
                }
            }
            if (any)
            {
                amountCols.Add(c);
            }
        }
        return new TableLayout(header, codeCols.Count > 0 ? codeCols[0] : -1, codeCols.Count > 1 ? codeCols[1] : -1, amountCols, headers);
    }

    public static void Run(DisclosureDocument doc, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(findings);
        var layouts = doc.Tables.Select(t => (Table: t, Layout: Layout(t))).ToList();
        foreach (var (t, l) in layouts)
        {
            if (l.HasCodes)
            {
                CodeHierarchy(t, l, findings);
            }
            RowTotals(t, l, findings);
            OutlineTables.Check(t, l, findings);
            Balance(t, findings);
        }
        CrossTables(layouts, findings);
    }

    private static string UnitName(DisclosureTable t) => t.Unit == FigureUnit.Yuan ? "元" : "万元";

    private static void CodeHierarchy(DisclosureTable t, TableLayout l, List<Finding> findings)
    {
        var coded = new List<(int Row, string Code)>();
        int? totalRow = null;
        for (int r = l.HeaderRows; r < t.Rows.Count; r++)
        {
            var code = t.Cell(r, l.CodeColumn).Trim();
            if (LooksLikeCode(code))
            {
                coded.Add((r, code));
            }
            else if ((code.Length == 0 || code.Contains("合计", StringComparison.Ordinal) || t.Cell(r, l.CodeColumn + 1).Contains("合计", StringComparison.Ordinal))
                     && l.AmountColumns.Any(c => TryAmount(t.Cell(r, c), out _)) && totalRow is null)
            {
                totalRow = r;
            }
        }
        if (coded.Count == 0)
        {
            return;
        }
        var unit = UnitName(t);
        foreach (var (row, code) in coded)
        {
            var children = DirectChildren(coded, code);
            if (children.Count == 0)
            {
                continue;
            }
            foreach (var c in l.AmountColumns)
            {
                if (!TryAmount(t.Cell(row, c), out var parent))
                {
                    continue;
                }
                var parts = children.Select(ch => (ch.Code, TryAmount(t.Cell(ch.Row, c), out var v) ? v : 0m)).ToList();
                var f = BudgetArithmetic.CheckSum(RuleCatalog.TableSum, $"{code}（{Header(l, c)}）", parent, parts, unit, t.LocationOf(row, c));
                if (f is not null)
                {
                    findings.Add(f);
                }
            }
        }
        if (totalRow is { } tr)
        {
            var top = coded.Where(x => !coded.Any(y => y.Code != x.Code && x.Code.StartsWith(y.Code, StringComparison.Ordinal))).ToList();
            foreach (var c in l.AmountColumns)
            {
                if (!TryAmount(t.Cell(tr, c), out var total))
                {
                    continue;
                }
                var parts = top.Select(x => (x.Code, TryAmount(t.Cell(x.Row, c), out var v) ? v : 0m)).ToList();
                var f = BudgetArithmetic.CheckSum(RuleCatalog.TableSum, $"合计（{Header(l, c)}）", total, parts, unit, t.LocationOf(tr, c));
                if (f is not null)
                {
                    findings.Add(f);
                }
            }
        }
    }

    private static List<(int Row, string Code)> DirectChildren(List<(int Row, string Code)> coded, string parent) =>
        coded.Where(x => x.Code.Length > parent.Length && x.Code.StartsWith(parent, StringComparison.Ordinal)
                         && !coded.Any(m => m.Code.Length > parent.Length && m.Code.Length < x.Code.Length && x.Code.StartsWith(m.Code, StringComparison.Ordinal) && m.Code.StartsWith(parent, StringComparison.Ordinal)))
             .ToList();

    private static string Header(TableLayout l, int c)
    {
        var h = c < l.ColumnHeaders.Count ? l.ColumnHeaders[c] : "";
        return h.Length == 0 ? $"第{c + 1}列" : h;
    }

    private static void RowTotals(DisclosureTable t, TableLayout l, List<Finding> findings)
    {
        int totalCol = l.AmountColumns.FirstOrDefault(c => Header(l, c).Contains("合计", StringComparison.Ordinal) || Header(l, c).EndsWith("总计", StringComparison.Ordinal), -1);
        if (totalCol < 0)
        {
            return;
        }
        var partCols = l.AmountColumns.Where(c => c > totalCol && !Header(l, c).Contains("其中", StringComparison.Ordinal)
                                                   && !Header(l, c).Contains("合计", StringComparison.Ordinal)).ToList();
        if (partCols.Count < 1)
        {
            return;
        }
        var unit = UnitName(t);
        for (int r = l.HeaderRows; r < t.Rows.Count; r++)
        {
            if (!TryAmount(t.Cell(r, totalCol), out var total))
            {
                continue;
            }
            var parts = partCols.Select(c => (Header(l, c), TryAmount(t.Cell(r, c), out var v) ? v : 0m)).ToList();
            if (parts.All(p => p.Item2 == 0) && total != 0 && partCols.All(c => t.Cell(r, c).Trim().Length == 0))
            {
                continue; // detail columns left blank: nothing to compare
            }
            var label = RowLabel(t, l, r);
            var f = BudgetArithmetic.CheckSum(RuleCatalog.TableRow, $"{label}（{Header(l, totalCol)}）", total, parts, unit, t.LocationOf(r, totalCol));
            if (f is not null)
            {
                findings.Add(f);
            }
        }
    }

    private static string RowLabel(DisclosureTable t, TableLayout l, int r)
    {
        var cells = t.Rows[r].Where((c, i) => !l.AmountColumns.Contains(i) && c.Trim().Length > 0).ToList();
        return cells.Count == 0 ? "合计" : string.Join(" ", cells.Take(2));
    }

    private static void Balance(DisclosureTable t, List<Finding> findings)
    {
        decimal? income = null;
        int incomeRow = -1;
        var spend = new List<(decimal Value, int Row, int Col)>();
        for (int r = 0; r < t.Rows.Count; r++)
        {
            var row = t.Rows[r];
            for (int c = 0; c < row.Count; c++)
            {
                var cell = row[c].Replace(" ", "", StringComparison.Ordinal);
                if (cell is not ("收入总计" or "支出总计"))
                {
                    continue;
                }
                for (int k = c + 1; k < row.Count; k++)
                {
                    if (TryAmount(row[k], out var v))
                    {
                        if (cell == "收入总计")
                        {
                            income ??= v;
                            incomeRow = r;
                        }
                        else
                        {
                            spend.Add((v, r, k));
                        }
                        break;
                    }
                    if (row[k].Trim().Length > 0)
                    {
                        break;
                    }
                }
            }
        }
        if (income is null)
        {
            return;
        }
        foreach (var (v, r, c) in spend)
        {
            if (v == income)
            {
                continue;
            }
            var diff = v - income.Value;
            var unit = UnitName(t);
            var severity = Math.Abs(diff) <= 0.01m ? FindingSeverity.Info : FindingSeverity.Error;
            findings.Add(new Finding(RuleCatalog.TableBalance.Id, severity,
                $"收入总计 {BudgetArithmetic.Format(income.Value, unit)} 与支出总计 {BudgetArithmetic.Format(v, unit)} 不相等，相差 {BudgetArithmetic.Format(diff, unit)}",
                BudgetArithmetic.Format(income.Value, unit), BudgetArithmetic.Format(v, unit), BudgetArithmetic.Format(diff, unit), t.LocationOf(r, c)));
            _ = incomeRow;
        }
    }

    private static void CrossTables(List<(DisclosureTable Table, TableLayout Layout)> layouts, List<Finding> findings)
    {
        var coded = layouts.Where(x => x.Layout.HasCodes).Select(x =>
        {
            var codes = Enumerable.Range(x.Layout.HeaderRows, x.Table.Rows.Count - x.Layout.HeaderRows)
                .Select(r => (Row: r, Code: x.Table.Cell(r, x.Layout.CodeColumn).Trim())).Where(y => LooksLikeCode(y.Code)).ToList();
            var kind = codes.Count > 0 ? ClassificationCatalog.KindOf(codes[0].Code) : null;
            var top = codes.Where(y => y.Code.Length == 3).ToList();
            return (x.Table, x.Layout, Kind: kind, Top: top, Key: ScopeKey(x.Table.Title));
        }).Where(x => x.Top.Count > 0 && x.Key.Length > 0).ToList();
        foreach (var fn in coded.Where(x => x.Kind == ClassificationKind.Function))
        {
            foreach (var ec in coded.Where(x => x.Kind == ClassificationKind.DepartmentEconomic && x.Key == fn.Key))
            {
                foreach (var cf in fn.Layout.AmountColumns)
                {
                    var h = Header(fn.Layout, cf);
                    var ce = ec.Layout.AmountColumns.FirstOrDefault(c => Header(ec.Layout, c) == h, -1);
                    if (ce < 0)
                    {
                        continue;
                    }
                    decimal Sum(DisclosureTable t, List<(int Row, string Code)> top, int c) => top.Sum(y => TryAmount(t.Cell(y.Row, c), out var v) ? ToUnit(v, t.Unit) : 0m);
                    var a = Sum(fn.Table, fn.Top, cf);
                    var b = Sum(ec.Table, ec.Top, ce);
                    if (a == b)
                    {
                        continue;
                    }
                    var diff = b - a;
                    var severity = Math.Abs(diff) <= 0.0001m ? FindingSeverity.Info : FindingSeverity.Error;
                    findings.Add(new Finding(RuleCatalog.TableCross.Id, severity,
                        $"“{h}”在《{fn.Table.Name}》中合计 {BudgetArithmetic.Format(a, "万元")}，在《{ec.Table.Name}》中合计 {BudgetArithmetic.Format(b, "万元")}，相差 {BudgetArithmetic.Format(diff, "万元")}",
                        BudgetArithmetic.Format(a, "万元"), BudgetArithmetic.Format(b, "万元"), BudgetArithmetic.Format(diff, "万元"), $"《{fn.Table.Name}》与《{ec.Table.Name}》"));
                }
            }
        }
    }

    private static decimal ToUnit(decimal v, FigureUnit unit) => unit == FigureUnit.Yuan ? v / 10000m : v;

    private static string ScopeKey(string title)
    {
        var t = title.Replace(" ", "", StringComparison.Ordinal);
        int p = t.IndexOfAny(['（', '(']);
        if (p > 0)
        {
            t = t[..p];
        }
        return t.Replace("按支出功能分类科目", "", StringComparison.Ordinal).Replace("按支出经济分类科目", "", StringComparison.Ordinal);
    }

    /// <summary>Value in 万元 of the row holding the code (first amount column), for narrative–table comparison.</summary>
    public static IEnumerable<(DisclosureTable Table, decimal WanYuan, string Location)> ValuesOfCode(DisclosureDocument doc, string code)
    {
        ArgumentNullException.ThrowIfNull(doc);
        foreach (var t in doc.Tables)
        {
            var l = Layout(t);
            if (!l.HasCodes)
            {
                continue;
            }
            for (int r = l.HeaderRows; r < t.Rows.Count; r++)
            {
                if (t.Cell(r, l.CodeColumn).Trim() != code && (l.SecondCodeColumn < 0 || t.Cell(r, l.SecondCodeColumn).Trim() != code))
                {
                    continue;
                }
                var first = l.AmountColumns.FirstOrDefault(c => TryAmount(t.Cell(r, c), out _), -1);
                if (first >= 0 && TryAmount(t.Cell(r, first), out var v))
                {
                    yield return (t, ToUnit(v, t.Unit), t.LocationOf(r, first));
                }
            }
        }
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex AmountCell();

    [GeneratedRegex(@"^[235](\d{2}|\d{3}|\d{4}|\d{6})$")]
    private static partial Regex CodeCell();
}
