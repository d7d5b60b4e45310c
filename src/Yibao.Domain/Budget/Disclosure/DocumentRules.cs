using System.Text.RegularExpressions;
using Yibao.Domain.Budget.Classification;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>Completeness, classification and plausibility rules.</summary>
public static partial class DocumentRules
{
    private sealed record RequiredTable(string Name, Regex Pattern);

    private static readonly RequiredTable[] BudgetProfile =
    [
        new("部门（单位）收支总表", new Regex(@"(?<!财政拨款)(?<!财政拨款预算)收支(预算)?总表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("部门（单位）收入总表", new Regex(@"收入(预算)?总表|(?<!财政拨款)收入预算表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("部门（单位）支出总表", new Regex(@"(?<!财政拨款)(?<!基金)支出(预算)?总表|部门支出预算表|单位支出预算表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("财政拨款收支总表", new Regex(@"财政拨款收支(预算)?总表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("一般公共预算支出表", new Regex(@"一般公共预算(财政拨款)?(拨款)?支出(预算|明细)?表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("一般公共预算基本支出表", new Regex(@"基本支出(预算|明细)?表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("一般公共预算“三公”经费支出表", new Regex(@"三公.{0,14}表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("政府性基金预算支出表", new Regex(@"政府性基金.{0,16}表", RegexOptions.None, TimeSpan.FromSeconds(1))),
    ];

    private static readonly RequiredTable[] FinalProfile =
    [
        new("收入支出决算总表", new Regex(@"(?<!财政拨款)收入支出决算总表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("收入决算表", new Regex(@"(?<!支出)收入决算表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("支出决算表", new Regex(@"(?<!拨款)(?<!基金)支出决算表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("财政拨款收入支出决算总表", new Regex(@"财政拨款收入支出决算总表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("一般公共预算财政拨款支出决算表", new Regex(@"一般公共预算财政拨款支出决算(明细)?表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("一般公共预算财政拨款基本支出决算表", new Regex(@"基本支出决算(明细)?表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("一般公共预算财政拨款“三公”经费支出决算表", new Regex(@"三公.{0,14}决算表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("政府性基金预算财政拨款收入支出决算表", new Regex(@"政府性基金.{0,16}决算表", RegexOptions.None, TimeSpan.FromSeconds(1))),
        new("国有资本经营预算财政拨款支出决算表", new Regex(@"国有资本经营.{0,16}决算表", RegexOptions.None, TimeSpan.FromSeconds(1))),
    ];

    public static void Run(DisclosureDocument doc, List<Finding> findings, ClassificationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(catalog);
        var nature = UnitNatureOf(doc);
        RequiredTables(doc, findings);
        RequiredSections(doc, nature, findings);
        EmptyTables(doc, findings);
        Placeholders(doc, findings);
        Classification(doc, catalog, findings);
        NarrativeVsTables(doc, findings);
        RunningCosts(doc, nature, findings);
        Indicators(doc, findings);
    }

    private static string Compact(string s) => s.Replace(" ", "", StringComparison.Ordinal).Replace("\u201c", "", StringComparison.Ordinal).Replace("\u201d", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);

    // ---------- completeness ----------

    private static void RequiredTables(DisclosureDocument doc, List<Finding> findings)
    {
        var profile = doc.Phase == DisclosurePhase.FinalAccounts ? FinalProfile : BudgetProfile;
        var inTables = doc.Tables.Select(t => Compact(t.Title)).Concat(doc.Tables.SelectMany(t => t.Rows.SelectMany(r => r)).Select(Compact).Where(c => c.Length < 80)).ToList();
        var inText = doc.Paragraphs.Select(p => Compact(p.Text)).Where(p => p.Length < 80).ToList();
        var missing = new List<string>();
        var listedOnly = new List<string>();
        foreach (var req in profile)
        {
            if (inTables.Any(c => req.Pattern.IsMatch(c)))
            {
                continue;
            }
            if (inText.Any(c => req.Pattern.IsMatch(c)))
            {
                listedOnly.Add(req.Name);
            }
            else
            {
                missing.Add(req.Name);
            }
        }
        var profileName = doc.Phase == DisclosurePhase.FinalAccounts ? "决算公开 9 张表" : "全国统一 8 张预算公开表";
        if (listedOnly.Count > 0)
        {
            findings.Add(new Finding(RuleCatalog.RequiredTables.Id, FindingSeverity.Warning,
                $"文中提到但未见表格内容（{profileName}）：{string.Join("、", listedOnly)}", string.Join("、", listedOnly), "仅有标题或目录", null, "全文"));
        }
        if (missing.Count > 0)
        {
            findings.Add(new Finding(RuleCatalog.RequiredTables.Id, FindingSeverity.Warning,
                $"缺少公开表格（{profileName}）：{string.Join("、", missing)}", string.Join("、", missing), "未找到", null, "全文"));
        }
    }

    private static void RequiredSections(DisclosureDocument doc, UnitNature nature, List<Finding> findings)
    {
        var text = Compact(doc.FullText);
        var sections = new List<(string Name, string[] Keys)>
        {
            ("“三公”经费", ["三公"]),
            ("政府采购", ["政府采购", "采购"]),
            ("国有资产占用", ["国有资产", "固定资产", "资产占用"]),
            ("绩效目标", ["绩效"]),
            ("名词解释", ["名词解释", "名词", "术语解释"]),
        };
        if (nature != UnitNature.Institution)
        {
            sections.Add(("机关运行经费", ["机关运行经费", "机关运行费"]));
        }
        var missing = sections.Where(s => !s.Keys.Any(k => text.Contains(k, StringComparison.Ordinal))).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            findings.Add(new Finding(RuleCatalog.RequiredSections.Id, FindingSeverity.Warning,
                $"缺少必备说明：{string.Join("、", missing)}", string.Join("、", missing), "未找到", null, "全文"));
        }
    }

    private static void EmptyTables(DisclosureDocument doc, List<Finding> findings)
    {
        foreach (var t in doc.Tables)
        {
            if (t.Rows.Count < 2 || !FinancialTitle().IsMatch(t.Title))
            {
                continue;
            }
            var l = TableRules.Layout(t);
            bool hasNonZero = t.Rows.Skip(1).SelectMany(r => r).Any(c => TableRules.TryAmount(c, out var v) && v != 0 && !TableRules.LooksLikeCode(c));
            if (hasNonZero)
            {
                continue;
            }
            _ = l;
            var keys = EmptyKeys().Matches(t.Title).Select(m => m.Value).ToList();
            var nearby = doc.Paragraphs.Where(p => p.Line < t.Line && p.Line >= t.Line - 12).Select(p => p.Text)
                .Concat(doc.Paragraphs.Where(p => p.Line > t.Line).Take(2).Select(p => p.Text));
            bool explained = nearby.Any(p => Explanation().IsMatch(p))
                || doc.Sentences.Any(s => keys.Any(k => s.Text.Contains(k, StringComparison.Ordinal)) && Explanation().IsMatch(s.Text))
                || doc.Tables.SelectMany(x => x.Rows).Any(r => r.Any(c => keys.Any(k => c.Contains(k, StringComparison.Ordinal))) && r.Any(c => Explanation().IsMatch(c)));
            if (!explained)
            {
                findings.Add(new Finding(RuleCatalog.EmptyTable.Id, FindingSeverity.Warning,
                    $"《{t.Name}》为空表，但未说明原因（如“本单位无此项收支，公开空表”）", "空表说明", "未找到", null, t.LocationOf(0)));
            }
        }
    }

    private static void Placeholders(DisclosureDocument doc, List<Finding> findings)
    {
        foreach (var s in doc.Sentences)
        {
            if (NarrativeRules.IsGlossary(s))
            {
                continue;
            }
            foreach (Match m in XPlaceholder().Matches(s.Text))
            {
                findings.Add(new Finding(RuleCatalog.Placeholder.Id, FindingSeverity.Error, $"应填数字处为占位符“{m.Value}”", "数字", m.Value, null, s.Location));
            }
            foreach (Match m in BlankMoney().Matches(s.Text))
            {
                findings.Add(new Finding(RuleCatalog.Placeholder.Id, FindingSeverity.Error, $"“{m.Value}”缺少金额数字（空白）", "数字", "空白", null, s.Location));
            }
            foreach (Match m in TemplateWords().Matches(s.Text))
            {
                findings.Add(new Finding(RuleCatalog.Placeholder.Id, FindingSeverity.Warning, $"模板用语“{m.Value}”未按实际情况选定", "增加/减少/持平之一", m.Value, null, s.Location));
            }
        }
        foreach (var t in doc.Tables)
        {
            for (int r = 0; r < t.Rows.Count; r++)
            {
                for (int c = 0; c < t.Rows[r].Count; c++)
                {
                    var cell = t.Rows[r][c].Trim();
                    if (XCell().IsMatch(cell))
                    {
                        findings.Add(new Finding(RuleCatalog.Placeholder.Id, FindingSeverity.Error, $"表格单元格为占位符“{cell}”", "数字", cell, null, t.LocationOf(r, c)));
                    }
                }
            }
        }
    }

    // ---------- classification ----------

    private static void Classification(DisclosureDocument doc, ClassificationCatalog catalog, List<Finding> findings)
    {
        if (doc.Year == 0)
        {
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in doc.Tables)
        {
            var l = TableRules.Layout(t);
            foreach (var col in new[] { l.CodeColumn, l.SecondCodeColumn }.Where(c => c >= 0))
            {
                for (int r = l.HeaderRows; r < t.Rows.Count; r++)
                {
                    var code = t.Cell(r, col).Trim();
                    var name = t.Cell(r, col + 1).Trim();
                    if (!TableRules.LooksLikeCode(code) || name.Length == 0)
                    {
                        continue;
                    }
                    CheckCode(doc.Year, catalog, code, name, t.LocationOf(r, col), narrative: false, findings, seen);
                }
            }
        }
        foreach (var s in doc.Sentences)
        {
            foreach (Match m in NarrativeCode().Matches(s.Text))
            {
                var code = m.Groups["code"].Value;
                var before = s.Text[..m.Index];
                string name;
                int item = before.LastIndexOf("（项）", StringComparison.Ordinal);
                if (item >= 0 && item + 3 == before.Length)
                {
                    int kuan = before.LastIndexOf("（款）", StringComparison.Ordinal);
                    name = before[(kuan >= 0 ? kuan + 3 : 0)..item];
                }
                else
                {
                    name = FigureExtractor.LabelBefore(s.Text, m.Index);
                    name = LeadingNoise().Replace(name, "");
                }
                if (name.Length < 2)
                {
                    continue;
                }
                CheckCode(doc.Year, catalog, code, name, s.Location, narrative: true, findings, seen);
            }
        }
        // outdated names anywhere in the text
        var text = Compact(doc.FullText);
        foreach (var (old, current) in catalog.OutdatedNames(doc.Year))
        {
            if (text.Contains(old.Name, StringComparison.Ordinal) && seen.Add("outdated:" + old.Name))
            {
                var where = doc.Sentences.FirstOrDefault(s => s.Text.Contains(old.Name, StringComparison.Ordinal))?.Location ?? "表格";
                findings.Add(new Finding(RuleCatalog.ClassOutdated.Id, FindingSeverity.Warning,
                    $"“{old.Name}”是 {old.ValidTo} 年及以前的科目名称，{doc.Year} 年科目 {current.Code} 名称为“{current.Name}”", current.Name, old.Name, null, where));
            }
        }
    }

    private static void CheckCode(int year, ClassificationCatalog catalog, string code, string name, string location, bool narrative, List<Finding> findings, HashSet<string> seen)
    {
        var kind = ClassificationCatalog.KindOf(code);
        if (kind is null)
        {
            return;
        }
        var key = $"{code}|{ClassificationCatalog.NormalizeName(name)}";
        if (!seen.Add(key))
        {
            return;
        }
        if (!ClassificationCatalog.HasValidShape(code, kind.Value))
        {
            var guess = catalog.Entries.FirstOrDefault(e => e.Kind == kind && e.IsValidIn(year) && ClassificationCatalog.NormalizeName(e.Name) == ClassificationCatalog.NormalizeName(name));
            findings.Add(new Finding(RuleCatalog.ClassCode.Id, FindingSeverity.Error,
                $"科目编码“{code}”位数不正确（功能分类类/款/项为 3/5/7 位，经济分类为 3/5 位）" + (guess is null ? "" : $"；名称“{name}”对应编码 {guess.Code}"),
                guess?.Code, code, null, location));
            return;
        }
        if (catalog.Find(kind.Value, code, year) is null)
        {
            var versions = catalog.AllVersions(kind.Value, code);
            if (versions.Count > 0)
            {
                var v = versions[0];
                findings.Add(new Finding(RuleCatalog.ClassCode.Id, FindingSeverity.Warning,
                    $"科目编码 {code}（{v.Name}）在 {year} 年科目表中不适用（适用于 {v.ValidFrom}–{v.ValidTo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "今"} 年）", null, code, null, location));
            }
            else if (catalog.IsKnownAbsent(kind.Value, code, year))
            {
                findings.Add(new Finding(RuleCatalog.ClassCode.Id, FindingSeverity.Error,
                    $"科目编码 {code} 在 {year} 年科目表中不存在", null, code, null, location));
            }
            return;
        }
        var match = catalog.MatchName(kind.Value, code, name, year, out var expected);
        if (narrative && expected is not null && ClassificationCatalog.NormalizeName(name).EndsWith(ClassificationCatalog.NormalizeName(expected.Name), StringComparison.Ordinal))
        {
            return;
        }
        switch (match)
        {
            case NameMatch.Exact:
                return;
            case NameMatch.Outdated:
                findings.Add(new Finding(RuleCatalog.ClassOutdated.Id, FindingSeverity.Warning,
                    $"科目 {code} 使用了旧名称“{name}”，{year} 年名称为“{expected!.Name}”", expected.Name, name, null, location));
                return;
            case NameMatch.OtherCode:
                findings.Add(new Finding(RuleCatalog.ClassName.Id, FindingSeverity.Error,
                    $"科目 {code} 的名称应为“{expected!.Name}”，文中“{name}”是另一科目的名称（编码与名称不符）", expected.Name, name, null, location));
                return;
            case NameMatch.Similar:
                findings.Add(new Finding(RuleCatalog.ClassName.Id, FindingSeverity.Info,
                    $"科目 {code} 名称“{name}”与科目表“{expected!.Name}”不完全一致", expected.Name, name, null, location));
                return;
            case NameMatch.Different when IsAncestorName(catalog, kind.Value, code, name, year):
                findings.Add(new Finding(RuleCatalog.ClassName.Id, FindingSeverity.Info,
                    $"科目 {code} 写作上级科目名称“{name}”，本级名称为“{expected!.Name}”", expected.Name, name, null, location));
                return;
            case NameMatch.Different:
                findings.Add(new Finding(RuleCatalog.ClassName.Id, FindingSeverity.Warning,
                    $"科目 {code} 的名称应为“{expected!.Name}”，文中为“{name}”", expected.Name, name, null, location));
                return;
            default:
                throw new InvalidOperationException();
        }
    }

    private static bool IsAncestorName(ClassificationCatalog catalog, ClassificationKind kind, string code, string name, int year)
    {
        var n = ClassificationCatalog.NormalizeName(name);
        for (int len = code.Length - 2; len >= 3; len -= 2)
        {
            if (catalog.Find(kind, code[..len], year) is { } e && ClassificationCatalog.NormalizeName(e.Name) == n)
            {
                return true;
            }
        }
        return false;
    }

    // ---------- narrative vs tables ----------

    private static void NarrativeVsTables(DisclosureDocument doc, List<Finding> findings)
    {
        if (doc.Tables.Count == 0)
        {
            return;
        }
        foreach (var s in doc.Sentences)
        {
            foreach (Match m in NarrativeCode().Matches(s.Text))
            {
                var code = m.Groups["code"].Value;
                var fig = s.Figures.FirstOrDefault(f => f.IsMoney && f.Kind == FigureKind.Level && f.Start >= m.Index + m.Length && f.Start <= m.Index + m.Length + 14);
                if (fig is null || s.Text[(m.Index + m.Length)..fig.Start].Contains('，', StringComparison.Ordinal))
                {
                    continue;
                }
                var values = TableRules.ValuesOfCode(doc, code).ToList();
                if (values.Count == 0)
                {
                    continue;
                }
                var stated = fig.InWan;
                var best = values.OrderBy(v => Math.Abs(v.WanYuan - stated)).First();
                var diff = stated - best.WanYuan;
                if (Math.Abs(diff) <= 0.005m)
                {
                    continue;
                }
                var severity = Math.Abs(diff) <= 0.01m ? FindingSeverity.Info : FindingSeverity.Error;
                findings.Add(new Finding(RuleCatalog.TextTable.Id, severity,
                    $"文中科目 {code} 为 {BudgetArithmetic.Format(stated, "万元")}，《{best.Table.Name}》中为 {BudgetArithmetic.Format(best.WanYuan, "万元")}",
                    BudgetArithmetic.Format(best.WanYuan, "万元"), BudgetArithmetic.Format(stated, "万元"), BudgetArithmetic.Format(diff, "万元"), $"{s.Location}；{best.Location}"));
            }
        }
    }

    // ---------- plausibility ----------

    /// <summary>行政/参公 part present, only 事业 evidence, or unknown.</summary>
    public enum UnitNature
    {
        Unknown,
        Administrative,
        Institution,
    }

    public static UnitNature UnitNatureOf(DisclosureDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        bool admin = false, inst = false;
        var texts = doc.Sentences.Where(s => !NarrativeRules.IsGlossary(s) && !s.Text.Contains("为保障行政单位", StringComparison.Ordinal)).Select(s => s.Text)
            .Concat(doc.Tables.SelectMany(t => t.Rows.SelectMany(r => r)));
        foreach (var t in texts)
        {
            foreach (Match m in AdminEvidence().Matches(t))
            {
                var before = t[Math.Max(0, m.Index - 3)..m.Index];
                if (!before.Contains("0个", StringComparison.Ordinal) && !m.Value.EndsWith('0'))
                {
                    admin = true;
                }
            }
            if (t.Trim() is "行政" or "参公" || t.Trim().StartsWith("行政单位", StringComparison.Ordinal))
            {
                admin = true;
            }
            if (InstitutionEvidence().IsMatch(t))
            {
                inst = true;
            }
        }
        return admin ? UnitNature.Administrative : inst ? UnitNature.Institution : UnitNature.Unknown;
    }

    private static void RunningCosts(DisclosureDocument doc, UnitNature nature, List<Finding> findings)
    {
        var running = doc.Sentences.Where(s => !NarrativeRules.IsGlossary(s) && s.Text.Contains("机关运行经费", StringComparison.Ordinal))
            .Select(s => (Sentence: s, Figure: s.Figures.FirstOrDefault(f => f.IsMoney && f.Kind == FigureKind.Level && f.Start > s.Text.IndexOf("机关运行经费", StringComparison.Ordinal))))
            .FirstOrDefault(x => x.Figure is not null);
        if (running.Figure is null || running.Figure.Value == 0)
        {
            return;
        }
        if (nature == UnitNature.Institution)
        {
            findings.Add(new Finding(RuleCatalog.RunningCostNature.Id, FindingSeverity.Warning,
                $"本单位未见行政单位或参照公务员法管理事业单位的组成部分，却公开了机关运行经费 {BudgetArithmetic.Format(running.Figure.InWan, "万元")}（机关运行经费仅适用于行政单位和参公事业单位，事业单位应公开公用经费）",
                "0.00万元或说明不适用", BudgetArithmetic.Format(running.Figure.InWan, "万元"), null, running.Sentence.Location));
        }
        var publicCost = doc.Sentences.Where(s => !NarrativeRules.IsGlossary(s))
            .SelectMany(s => s.Figures.Where(f => f.IsMoney && f.Kind == FigureKind.Level && PublicCostLabel().IsMatch(f.Label)))
            .Select(f => f.InWan).DefaultIfEmpty(-1m).Max();
        if (publicCost >= 0 && running.Figure.InWan - publicCost > 0.01m)
        {
            findings.Add(new Finding(RuleCatalog.RunningCostExceeds.Id, FindingSeverity.Warning,
                $"机关运行经费 {BudgetArithmetic.Format(running.Figure.InWan, "万元")} 超过文中公用经费（商品和服务支出）{BudgetArithmetic.Format(publicCost, "万元")}",
                $"≤ {BudgetArithmetic.Format(publicCost, "万元")}", BudgetArithmetic.Format(running.Figure.InWan, "万元"), BudgetArithmetic.Format(running.Figure.InWan - publicCost, "万元"), running.Sentence.Location));
        }
    }

    private static void Indicators(DisclosureDocument doc, List<Finding> findings)
    {
        foreach (var t in doc.Tables)
        {
            for (int r = 0; r < t.Rows.Count; r++)
            {
                var row = t.Rows[r];
                for (int c = 0; c < row.Count; c++)
                {
                    var m = IndicatorValue().Match(row[c].Trim());
                    if (!m.Success)
                    {
                        continue;
                    }
                    var op = m.Groups["op"].Value;
                    if (op.Length == 0 && c > 0 && row[c - 1].Trim() is "≥" or "≤" or "<" or ">" or "=")
                    {
                        op = row[c - 1].Trim();
                    }
                    var unit = m.Groups["unit"].Value;
                    if (unit.Length == 0 && c + 1 < row.Count && UnitWord().IsMatch(row[c + 1].Trim()))
                    {
                        unit = row[c + 1].Trim();
                    }
                    var name = row.Take(c).Select(x => x.Trim()).LastOrDefault(x => x.Contains('率', StringComparison.Ordinal) || x.Contains("满意", StringComparison.Ordinal));
                    if (name is null || !decimal.TryParse(m.Groups["v"].Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
                    {
                        continue;
                    }
                    CheckIndicator(name, op, value, unit, t.LocationOf(r, c), findings);
                    break; // only the target value, not the grading columns that follow
                }
            }
        }
        foreach (var s in doc.Sentences)
        {
            foreach (Match m in NarrativeIndicator().Matches(s.Text))
            {
                if (!decimal.TryParse(m.Groups["v"].Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    continue;
                }
                CheckIndicator(m.Groups["name"].Value, m.Groups["op"].Value, value, m.Groups["unit"].Value, s.Location, findings);
            }
        }
    }

    internal static void CheckIndicator(string name, string op, decimal value, string unit, string location, List<Finding> findings)
    {
        bool satisfaction = name.Contains("满意", StringComparison.Ordinal);
        bool negativeRate = NegativeRate().IsMatch(name);
        bool positiveRate = !negativeRate && PositiveRate().IsMatch(name);
        if ((satisfaction || positiveRate) && op is "≤" or "<")
        {
            findings.Add(new Finding(RuleCatalog.IndicatorOperator.Id, FindingSeverity.Warning,
                $"指标“{Short(name)}”越高越好，目标值却写作“{op}{value}{unit}”（应为 ≥）", "≥", op, null, location));
        }
        if ((satisfaction || name.Contains('率', StringComparison.Ordinal)) && !negativeRate && !Change().IsMatch(name))
        {
            if (unit == "%" && (value > 100 || (value == 100 && op == ">")))
            {
                findings.Add(new Finding(RuleCatalog.IndicatorRate.Id, FindingSeverity.Warning,
                    $"比率类指标“{Short(name)}”的目标值 {op}{value}% 超过 100%", "≤ 100%", $"{op}{value}%", null, location));
            }
            else if (unit.Length > 0 && CountUnit().IsMatch(unit))
            {
                findings.Add(new Finding(RuleCatalog.IndicatorRate.Id, FindingSeverity.Warning,
                    $"比率类指标“{Short(name)}”的计量单位为“{unit}”，与“率”不符（应为 %）", "%", unit, null, location));
            }
        }
    }

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;

    [GeneratedRegex(@"预算|支出|收入|采购|三公|基金|资产|经费")]
    private static partial Regex FinancialTitle();

    [GeneratedRegex(@"政府采购|三公|政府性基金|国有资本经营|专项资金|专项业务|资产|采购|上年结转")]
    private static partial Regex EmptyKeys();

    [GeneratedRegex(@"空表|不涉及|未安排|未编制|没有|无此|无.{0,8}(预算|收支|安排|采购|支出|经费)|0(\.0+)?万元|为0|为零")]
    private static partial Regex Explanation();

    [GeneratedRegex(@"(?<![A-Za-z])(X{2,}|x{2,}|×{2,}|Ｘ{2,})(?![A-Za-z])")]
    private static partial Regex XPlaceholder();

    [GeneratedRegex(@"[\u4e00-\u9fa5]{2,12}(收入|支出|经费|资金|预算|拨款|费|为|计|额)万元")]
    private static partial Regex BlankMoney();

    [GeneratedRegex(@"增长/下降|增加/减少|增加（减少）|增长（下降）|增/减")]
    private static partial Regex TemplateWords();

    [GeneratedRegex(@"^(X{2,}|x{2,}|×{2,})(\.X+)?$")]
    private static partial Regex XCell();

    [GeneratedRegex(@"[（(](?<code>[235]\d{2}(\d{2}){0,2})[）)]")]
    private static partial Regex NarrativeCode();

    [GeneratedRegex(@"^(\(\d+\)|（\d+）|\d+[、.]|[一二三四五六七八九十]+是)?(原因是|主要是|其中|包括|主要用于)?(专项业务经费)?")]
    private static partial Regex LeadingNoise();

    [GeneratedRegex(@"行政单位|参照公务员法管理|参公|行政编制\s*\d+|单位性质\S{0,4}行政|行政\s*\d+\s*人")]
    private static partial Regex AdminEvidence();

    [GeneratedRegex(@"事业单位|全额事业|差额事业|自收自支|公益[一二]类|事业编制")]
    private static partial Regex InstitutionEvidence();

    [GeneratedRegex(@"公用.{0,4}经费|商品和服务支出")]
    private static partial Regex PublicCostLabel();

    [GeneratedRegex(@"^(?<op>[≥≤<>=])?\s*(?<v>\d+(\.\d+)?)\s*(?<unit>%|人次|人|次|年|月|日|天|元|万元|家|个|户|本)?(以上|以下|及以上)?$")]
    private static partial Regex IndicatorValue();

    [GeneratedRegex(@"^(%|人次|人|次|年|月|日|天|元|万元|家|个|户|本|百分数|百分比)$")]
    private static partial Regex UnitWord();

    [GeneratedRegex(@"(?<name>[\u4e00-\u9fa5]{0,20}(满意度|率))[^，；。≥≤<>\d]{0,8}(?<op>[≥≤<>])\s*(?<v>\d+(\.\d+)?)\s*(?<unit>%|人次|人|次|年|月|日|天|元|万元|家|个|户)?")]
    private static partial Regex NarrativeIndicator();

    [GeneratedRegex(@"差错率|投诉率|发生率|失误率|不合格率|违规率|返贫率|致贫率|拒付率|误差率|空置率|负债率|超支率")]
    private static partial Regex NegativeRate();

    [GeneratedRegex(@"完成率|覆盖率|达标率|及时率|参保率|合格率|知晓率|到位率|正常运行率|准确率|兑现率|保障率|救助率|发放率|结算率|利用率|执行率")]
    private static partial Regex PositiveRate();

    [GeneratedRegex(@"增长率|下降率|增幅|降幅|变动率|核减率")]
    private static partial Regex Change();

    [GeneratedRegex(@"^(人次|人|次|年|月|日|天|元|万元|家|个|户|本)$")]
    private static partial Regex CountUnit();
}
