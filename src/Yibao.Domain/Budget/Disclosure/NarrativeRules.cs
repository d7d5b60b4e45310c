using System.Globalization;
using System.Text.RegularExpressions;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>Rules over the narrative: enumerations (其中/包括), differences and percentages, years, 决算 completion rates and directions.</summary>
public static partial class NarrativeRules
{
    public static void Run(DisclosureDocument doc, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(findings);
        for (int i = 0; i < doc.Sentences.Count; i++)
        {
            var s = doc.Sentences[i];
            if (IsGlossary(s))
            {
                continue;
            }
            var previous = i > 0 && doc.Sentences[i - 1].Line == s.Line ? doc.Sentences[i - 1] : null;
            // a list may open a new paragraph (“…支出合计X万元。\n\n其中：基本支出…”): its total is in the paragraph before
            var listPrevious = previous
                ?? (i > 0 && doc.Sentences[i - 1].Section == s.Section && s.Line - doc.Sentences[i - 1].Line <= 3 && ListOpening().IsMatch(s.Text)
                    ? doc.Sentences[i - 1] : null);
            Enumerations(s, listPrevious, findings);
            Differences(s, previous, findings);
            Years(doc, s, findings);
            FinalAccounts(doc, s, i + 1 < doc.Sentences.Count ? doc.Sentences[i + 1] : null, findings);
        }
    }

    internal static bool IsGlossary(NarrativeSentence s) =>
        s.Section.Contains("名词", StringComparison.Ordinal) || s.Section.Contains("解释", StringComparison.Ordinal);

    // ---------- enumerations ----------

    private static int[] Depths(string s)
    {
        var d = new int[s.Length];
        int depth = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] is '（' or '(')
            {
                depth++;
                d[i] = depth;
                continue;
            }
            d[i] = depth;
            if (s[i] is '）' or ')' && depth > 0)
            {
                depth--;
            }
        }
        return d;
    }

    private sealed record Part(string Label, Figure? Figure, string Piece);

    private static void Enumerations(NarrativeSentence s, NarrativeSentence? previous, List<Finding> findings)
    {
        var text = s.Text;
        var depth = Depths(text);
        var money = s.Figures.Where(f => f.IsMoney).ToList();
        bool firstTopTrigger = true;
        foreach (Match t in Trigger().Matches(text))
        {
            bool weak = t.Value.StartsWith('主');
            if (depth[t.Index] > 0)
            {
                // parenthetical: 2.85万元（包含：a 0万元，b 2.85万元）
                int open = text.LastIndexOfAny(['（', '('], t.Index);
                int close = text.IndexOfAny(['）', ')'], t.Index);
                if (close < 0)
                {
                    close = text.Length;
                }
                var total = money.LastOrDefault(f => f.End <= open && text[f.End..open].Trim().Length == 0);
                if (total is null)
                {
                    continue;
                }
                var parts = Pieces(text, depth, t.Index + t.Length, close, semicolon: false, depth[t.Index], money, total.Kind);
                Report(s, text[..total.End], total, parts, weak, findings);
                continue;
            }
            bool isFirst = firstTopTrigger;
            firstTopTrigger = false;
            int segStart = LastTop(text, depth, '；', t.Index) + 1;
            bool hasSemiAfter = NextTop(text, depth, '；', t.Index + t.Length) >= 0;
            bool semicolonMode = isFirst && hasSemiAfter && NestedFirstSegment(text, depth, t.Index + t.Length, money);
            int scopeEnd = semicolonMode ? text.Length : (NextTop(text, depth, '；', t.Index + t.Length) is var n && n >= 0 ? n : text.Length);
            var firstPartFigure = money.FirstOrDefault(f => f.Start >= t.Index + t.Length && f.Start < scopeEnd && depth[f.Start] == 0);
            if (firstPartFigure is null)
            {
                continue;
            }
            var kind = firstPartFigure.Kind == FigureKind.Change ? FigureKind.Change : FigureKind.Level;
            var partList = Pieces(text, depth, t.Index + t.Length, scopeEnd, semicolonMode, 0, money, kind);
            var totalFig = money.LastOrDefault(f => f.End <= t.Index && f.Start >= segStart && depth[f.Start] == 0 && f.Kind == kind);
            string context = text[segStart..t.Index];
            if (totalFig is null)
            {
                // the total sits in the previous sentence: “…安排6万元。其中，…”, “…支出14.43万元，比上年减少2万元。主要包括：…”,
                // or one of several amounts there (“收入合计X万元，支出合计Y万元。其中：基本支出A万元，项目支出B万元”)
                if (t.Index - segStart <= 1 && previous is not null && PreviousTotal(previous, kind, partList, weak) is { } picked)
                {
                    totalFig = picked;
                    context = previous.Text[..picked.End];
                }
                else
                {
                    continue;
                }
            }
            else
            {
                context = text[segStart..totalFig.End];
            }
            Report(s, context, totalFig, partList, weak, findings);
            if (semicolonMode)
            {
                // other columns of the same list: prior-year figures and changes in every part
                foreach (var other in new[] { FigureKind.Prior, FigureKind.Change })
                {
                    if (other == kind)
                    {
                        continue;
                    }
                    var totalOther = money.Where(f => f.Start >= totalFig.Start && f.End <= t.Index && f.Kind == other && depth[f.Start] == 0).ToList();
                    if (totalOther.Count != 1 || partList.Count < 2)
                    {
                        continue;
                    }
                    var others = new List<Part>();
                    foreach (var p in partList)
                    {
                        var pf = p.Figure is null ? null : money.Where(f => f.Start >= p.Figure.Start && f.Start < p.Figure.Start + p.Piece.Length && f.Kind == other && depth[f.Start] == 0).ToList();
                        if (pf is not { Count: 1 })
                        {
                            others.Clear();
                            break;
                        }
                        others.Add(new Part(p.Label, pf[0], p.Piece));
                    }
                    if (others.Count == partList.Count)
                    {
                        Report(s, TotalLabel(context, totalFig) + (other == FigureKind.Prior ? "的上年数" : "的增减额"), totalOther[0], others, weak, findings, labelOverride: true);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Picks the total of a list from the sentence before it. Candidates are that sentence's amounts of the list's kind;
    /// the list's own words say which total it breaks down (人员/公用 → 基本支出, 基本/项目 → 支出, 拨款/结转 → 收入,
    /// 出国/接待 → 三公, 货物/工程/服务 → 采购). Among several fitting amounts the one equal to the sum (within tolerance)
    /// is taken, else the amount closing the sentence, else the only fitting one — otherwise nothing is guessed.
    /// </summary>
    private static Figure? PreviousTotal(NarrativeSentence previous, FigureKind kind, List<Part> parts, bool weak)
    {
        var depth = Depths(previous.Text);
        var candidates = previous.Figures.Where(f => f.IsMoney && f.Kind == kind && depth[f.Start] == 0).ToList();
        if (candidates.Count == 0 || parts.Count < 2)
        {
            return null;
        }
        if (candidates.Count == 1)
        {
            return candidates[0];
        }
        var labels = string.Concat(parts.Select(p => p.Label));
        var fitting = candidates.Where(c => FitsList(c.Label, labels)).ToList();
        var sum = parts.Sum(p => p.Figure is null ? 0m : (p.Figure.Kind == FigureKind.Change ? p.Figure.SignedWan : p.Figure.InWan));
        var equal = fitting.Where(c => Math.Abs((c.Kind == FigureKind.Change ? c.SignedWan : c.InWan) - sum) <= BudgetArithmetic.SumTolerance(parts.Count)).ToList();
        if (fitting.Count > 1 && equal.Count == 1)
        {
            return equal[0]; // the parts add up to one of the fitting totals: that is the one they break down
        }
        var closing = previous.Figures.LastOrDefault(f => f.IsMoney);
        if (closing is not null && fitting.Contains(closing) && previous.Text[closing.End..].Trim('。', ' ').Length <= 2)
        {
            return closing;
        }
        return fitting.Count == 1 && !weak ? fitting[0] : null;
    }

    /// <summary>Whether a total labelled <paramref name="total"/> can be broken down into parts whose labels are <paramref name="parts"/>.</summary>
    internal static bool FitsList(string total, string parts)
    {
        bool P(string w) => parts.Contains(w, StringComparison.Ordinal);
        bool T(string w) => total.Contains(w, StringComparison.Ordinal);
        if (P("出国") || P("公务接待") || P("公务用车"))
        {
            return T("三公");
        }
        if (P("货物") && (P("工程") || P("服务")))
        {
            return T("采购");
        }
        if (P("人员经费") && P("公用经费"))
        {
            return T("基本支出") || (T("支出") && !T("项目支出") && !T("收入"));
        }
        if (P("基本支出") && P("项目支出"))
        {
            return T("支出") && !T("基本支出") && !T("项目支出");
        }
        bool income = P("收入") || P("拨款") || P("结转") || P("结余");
        bool spend = P("支出") || P("经费");
        if (income && !spend)
        {
            return T("收入") || T("来源") || T("资金");
        }
        if (spend && !income)
        {
            return !(T("收入") && !T("支出"));
        }
        return true;
    }

    /// <summary>
    /// A list after 其中 is split at ；when its first ；-segment is not itself a flat comma list:
    /// it holds a nested 包括, a reason, a comparison, or only one amount.
    /// </summary>
    private static bool NestedFirstSegment(string text, int[] depth, int from, List<Figure> money)
    {
        int end = NextTop(text, depth, '；', from);
        var seg = text[from..end];
        var figs = money.Where(f => f.Start >= from && f.Start < end && depth[f.Start] == 0).ToList();
        return figs.Count <= 1 || Trigger().IsMatch(seg) || Reason().IsMatch(seg) || figs.Select(f => f.Kind).Distinct().Count() > 1;
    }

    private static List<Part> Pieces(string text, int[] depth, int from, int to, bool semicolon, int level, List<Figure> money, FigureKind kind)
    {
        var parts = new List<Part>();
        int pieceStart = from;
        var bounds = new List<(int Start, int End)>();
        for (int i = from; i <= to; i++)
        {
            bool boundary = i == to;
            if (!boundary && depth[i] == level && (level == 0 || text[i] is not ('（' or '(')))
            {
                char c = text[i];
                boundary = semicolon
                    ? c is '；' or ';'
                    : c is '，' or '、' or '；' or ';' || (c is '和' or '及' && i > 0 && text[i - 1] == '元');
            }
            if (boundary)
            {
                if (i > pieceStart)
                {
                    bounds.Add((pieceStart, i));
                }
                pieceStart = i + 1;
            }
        }
        foreach (var (start, end0) in bounds)
        {
            int end = end0;
            var piece = text[start..end];
            var reason = Reason().Match(piece);
            bool stopAfter = false;
            if (reason.Success)
            {
                if (!semicolon || reason.Index == 0)
                {
                    break;
                }
                var tail = piece[(reason.Index + reason.Length)..];
                stopAfter = tail.StartsWith('：') || tail.StartsWith(':') || tail.StartsWith("一是", StringComparison.Ordinal);
                int cut = piece.LastIndexOf('，', reason.Index);
                end = start + (cut >= 0 ? cut : reason.Index);
                piece = text[start..end];
            }
            var figs = money.Where(f => f.Start >= start && f.Start < end && depth[f.Start] == level).ToList();
            if (figs.Count == 0)
            {
                if (BlankAmount().IsMatch(piece))
                {
                    parts.Add(new Part(piece.Trim(), null, piece));
                    if (stopAfter)
                    {
                        break;
                    }
                    continue;
                }
                break;
            }
            var fig = semicolon ? figs.FirstOrDefault(f => f.Kind == kind) : (figs[0].Kind == kind ? figs[0] : null);
            if (fig is null)
            {
                break;
            }
            parts.Add(new Part(PartLabel(text[start..fig.Start]), fig, text[fig.Start..end]));
            if (stopAfter)
            {
                break;
            }
        }
        return parts;
    }

    private static string PartLabel(string raw)
    {
        var l = raw.Trim();
        foreach (var w in new[] { "其中", "包括", "包含", "分别是", "分别为", "主要包括", "：", ":", "和", "及" })
        {
            if (l.StartsWith(w, StringComparison.Ordinal))
            {
                l = l[w.Length..].Trim();
            }
        }
        return l;
    }

    private static void Report(NarrativeSentence s, string context, Figure total, IReadOnlyList<Part> parts, bool weak, List<Finding> findings, bool labelOverride = false)
    {
        if (parts.Count < 2)
        {
            return;
        }
        var rule = Semantic(context, parts);
        bool allYuan = total.Unit == FigureUnit.Yuan && parts.All(p => p.Figure is null || p.Figure.Unit == FigureUnit.Yuan);
        decimal Val(Figure f) => allYuan ? (f.Kind == FigureKind.Change ? f.Sign * f.Value : f.Value) : (f.Kind == FigureKind.Change ? f.SignedWan : f.InWan);
        var label = labelOverride ? context : TotalLabel(context, total);
        var values = parts.Select(p => (p.Label.Length == 0 ? "（空白）" : p.Label, p.Figure is null ? 0m : Val(p.Figure))).ToList();
        var finding = BudgetArithmetic.CheckSum(rule, label, Val(total), values, allYuan ? "元" : "万元", s.Location, exhaustive: !weak);
        if (finding is not null)
        {
            findings.Add(finding);
        }
    }

    private static string TotalLabel(string context, Figure total)
    {
        var l = total.Label;
        return l.Length >= 2 ? l : context;
    }

    private static RuleDefinition Semantic(string context, IReadOnlyList<Part> parts)
    {
        var labels = string.Concat(parts.Select(p => p.Label));
        int lastSep = Math.Max(context.LastIndexOf('，'), context.LastIndexOf('：'));
        var near = lastSep >= 0 && lastSep < context.Length - 1 ? context[(lastSep + 1)..] : context;
        if (context.Contains("三公", StringComparison.Ordinal))
        {
            return RuleCatalog.SumSanGong;
        }
        if (context.Contains("采购", StringComparison.Ordinal) && (labels.Contains("货物", StringComparison.Ordinal) || labels.Contains("工程", StringComparison.Ordinal) || labels.Contains("服务", StringComparison.Ordinal)))
        {
            return RuleCatalog.SumProcurement;
        }
        if (near.Contains("基本支出", StringComparison.Ordinal) && labels.Contains("人员", StringComparison.Ordinal) && labels.Contains("公用", StringComparison.Ordinal))
        {
            return RuleCatalog.SumBasic;
        }
        if (labels.Contains("基本支出", StringComparison.Ordinal) && labels.Contains("项目", StringComparison.Ordinal))
        {
            return RuleCatalog.SumExpense;
        }
        return RuleCatalog.SumParts;
    }

    private static int LastTop(string text, int[] depth, char c, int before)
    {
        for (int i = Math.Min(before, text.Length) - 1; i >= 0; i--)
        {
            if (text[i] == c && depth[i] == 0)
            {
                return i;
            }
        }
        return -1;
    }

    private static int NextTop(string text, int[] depth, char c, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == c && depth[i] == 0)
            {
                return i;
            }
        }
        return -1;
    }

    // ---------- differences and percentages ----------

    private static void Differences(NarrativeSentence s, NarrativeSentence? previous, List<Finding> findings)
    {
        var text = s.Text;
        var depth = Depths(text);
        var figs = s.Figures.Where(f => depth[f.Start] == 0).ToList();
        for (int i = 0; i < figs.Count; i++)
        {
            var f = figs[i];
            if (f.Kind != FigureKind.Change || !f.IsMoney)
            {
                continue;
            }
            int segStart = LastTop(text, depth, '；', f.Start) + 1;
            // prior figure directly before the change (较2019年273.08万元增加…)
            Figure? prior = null;
            Figure? current = null;
            for (int j = i - 1; j >= 0 && figs[j].Start >= segStart; j--)
            {
                var g = figs[j];
                if (!g.IsMoney)
                {
                    continue;
                }
                if (g.Kind == FigureKind.Prior && prior is null && current is null)
                {
                    prior = g;
                    continue;
                }
                if (g.Kind == FigureKind.Level)
                {
                    current = g;
                    break;
                }
                if (g.Kind == FigureKind.Change)
                {
                    break;
                }
            }
            if (current is null && prior is null && segStart == 0 && previous is not null && Comparison().IsMatch(text))
            {
                current = previous.Figures.FirstOrDefault(g => g.IsMoney && g.Kind == FigureKind.Level);
            }
            var unit = "万元";
            if (current is not null && prior is not null)
            {
                var d = BudgetArithmetic.CheckDifference(RuleCatalog.TextDifference, current.Label, current.InWan, prior.InWan, f.SignedWan, unit, s.Location);
                if (d is not null)
                {
                    findings.Add(d);
                }
            }
            // percentage after the change, before the next amount
            var pct = figs.Skip(i + 1).TakeWhile(g => !g.IsMoney && g.Start < (NextTop(text, depth, '；', f.End) is var e && e >= 0 ? e : text.Length))
                .FirstOrDefault(g => g.Kind == FigureKind.ChangePercent);
            if (pct is null)
            {
                continue;
            }
            decimal? denominator = prior?.InWan ?? (current is null ? null : current.InWan - f.SignedWan);
            if (denominator is null or <= 0)
            {
                continue;
            }
            var formula = prior is not null
                ? $"{BudgetArithmetic.Format(f.InWan, unit)} ÷ {BudgetArithmetic.Format(denominator.Value, unit)}"
                : $"{BudgetArithmetic.Format(f.InWan, unit)} ÷ ({BudgetArithmetic.Format(current!.InWan, unit)} {(f.Sign < 0 ? "+" : "−")} {BudgetArithmetic.Format(f.InWan, unit)})";
            // the exact inputs behind the printed ones: a change written as the difference of two rounded amounts is
            // uncertain by both their half-units, not only by its own
            var numeratorHalf = current is not null && prior is not null ? Math.Max(f.HalfUnitWan, current.HalfUnitWan + prior.HalfUnitWan) : f.HalfUnitWan;
            var denominatorHalf = prior?.HalfUnitWan ?? (current!.HalfUnitWan + f.HalfUnitWan);
            var p = BudgetArithmetic.CheckPercent(RuleCatalog.TextPercent, (current ?? prior)!.Label + "增减率", pct.Value, pct.Decimals, f.InWan, denominator.Value, formula, s.Location,
                numeratorHalf, denominatorHalf);
            if (p is not null)
            {
                findings.Add(p);
            }
        }
    }

    // ---------- years ----------

    private static void Years(DisclosureDocument doc, NarrativeSentence s, List<Finding> findings)
    {
        if (doc.Year == 0)
        {
            return;
        }
        foreach (Match m in YearBudgetWord().Matches(s.Text))
        {
            int y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            var before = s.Text[Math.Max(0, m.Index - 4)..m.Index];
            if (RangeOrCompare().IsMatch(before) || (m.Index > 0 && s.Text[m.Index - 1] is '-' or '—' or '~' or '至'))
            {
                continue;
            }
            if (y > doc.Year && doc.Phase == DisclosurePhase.Budget)
            {
                findings.Add(new Finding(RuleCatalog.TextYear.Id, FindingSeverity.Warning,
                    $"“{m.Value}”的年度晚于本公开的预算年度 {doc.Year} 年，疑为年份笔误", $"{doc.Year}年", $"{y}年", null, s.Location));
            }
            else if (y < doc.Year && doc.Phase == DisclosurePhase.Budget && m.Groups["w"].Value.Length > 0 && !EarlierContext().IsMatch(s.Text[m.Index..Math.Min(s.Text.Length, m.Index + m.Length + 6)]))
            {
                findings.Add(new Finding(RuleCatalog.TextYear.Id, FindingSeverity.Warning,
                    $"“{m.Value}”写的是 {y} 年的预算，但本公开为 {doc.Year} 年预算且句中未说明是以前年度", $"{doc.Year}年", $"{y}年", null, s.Location));
            }
        }
    }

    // ---------- 决算 ----------

    private static void FinalAccounts(DisclosureDocument doc, NarrativeSentence s, NarrativeSentence? next, List<Finding> findings)
    {
        var text = s.Text;
        var money = s.Figures.Where(f => f.IsMoney && f.Kind is FigureKind.Level or FigureKind.Prior).ToList();
        var finals = money.Where(f => FinalLabel().IsMatch(f.Label)).ToList();
        var budgets = money.Where(f => BudgetLabel().IsMatch(f.Label) && !FinalLabel().IsMatch(f.Label)).ToList();
        var rate = CompletionRate().Match(text);
        if (rate.Success && finals.Count > 0 && budgets.Count > 0)
        {
            var stated = decimal.Parse(rate.Groups["p"].Value, CultureInfo.InvariantCulture);
            int decimals = rate.Groups["p"].Value.Contains('.', StringComparison.Ordinal) ? rate.Groups["p"].Value.Length - rate.Groups["p"].Value.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
            var fin = finals[0];
            // the denominator named in the phrase (年初预算 / 调整预算) or the first budget figure
            var named = rate.Groups["b"].Value;
            var budget = budgets.FirstOrDefault(b => named.Length > 0 && b.Label.Contains(named, StringComparison.Ordinal)) ?? budgets[0];
            var f = BudgetArithmetic.CheckPercent(RuleCatalog.FinalCompletion, "预算完成率", stated, decimals, fin.InWan, budget.InWan,
                $"{fin.Label} {BudgetArithmetic.Format(fin.InWan, "万元")} ÷ {budget.Label} {BudgetArithmetic.Format(budget.InWan, "万元")}", s.Location,
                fin.HalfUnitWan, budget.HalfUnitWan);
            if (f is not null)
            {
                var other = budgets.FirstOrDefault(b => b != budget && Math.Round(fin.InWan / b.InWan * 100m, decimals, MidpointRounding.AwayFromZero) == stated);
                if (other is not null)
                {
                    f = f with { Severity = FindingSeverity.Error, Message = f.Message + $"；文中数字是用“{other.Label}”作分母算出的，完成率应以{budget.Label}为分母" };
                }
                findings.Add(f);
            }
        }
        var dir = Direction().Match(text);
        if (dir.Success && finals.Count > 0 && budgets.Count > 0)
        {
            var fin = finals[0].InWan;
            var bud = budgets[0].InWan;
            var word = dir.Groups["d"].Value;
            bool claimGreater = word is "大于" or "高于" or "超过";
            bool claimLess = word is "小于" or "低于";
            bool ok = (claimGreater && fin > bud) || (claimLess && fin < bud) || (word == "等于" && fin == bud);
            if (!ok)
            {
                findings.Add(new Finding(RuleCatalog.FinalDirection.Id, FindingSeverity.Error,
                    $"文中称决算数{word}预算数，但决算数 {BudgetArithmetic.Format(fin, "万元")}、预算数 {BudgetArithmetic.Format(bud, "万元")}",
                    fin > bud ? "大于" : fin < bud ? "小于" : "等于", word, BudgetArithmetic.Format(fin - bud, "万元"), s.Location));
            }
            else if (!ReasonWords().IsMatch(text) && (next is null || !ReasonWords().IsMatch(next.Text)))
            {
                findings.Add(new Finding(RuleCatalog.FinalDirection.Id, FindingSeverity.Warning,
                    $"决算数{word}预算数，但未说明原因", "说明原因", "未说明", null, s.Location));
            }
        }
    }

    [GeneratedRegex(@"主要包括[:：]?|主要用于[:：]|具体包括[:：]?|其中[:：，,]?|包括[:：]?|包含[:：]?|分别是[:：]?|分别为[:：]?")]
    private static partial Regex Trigger();

    [GeneratedRegex(@"^\s*(其中|具体包括|主要包括|包括|分别是|分别为)")]
    private static partial Regex ListOpening();

    [GeneratedRegex(@"主要原因|原因是|原因为|原因：|主要用于|用于|主要为|主要是|因此")]
    private static partial Regex Reason();

    [GeneratedRegex(@"[\u4e00-\u9fa5]\s*万元")]
    private static partial Regex BlankAmount();

    [GeneratedRegex(@"^\s*(比|较|与)")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"(?<y>20\d{2})\s*年(度)?\s*(?<w>部门预算|单位预算|预算收入|预算支出|收入预算|支出预算|预算安排|预算项目|预算资金|预算)")]
    private static partial Regex YearBudgetWord();

    [GeneratedRegex(@"(较|比|与|上年|截至|截止|至|到|自|从)\s*$")]
    private static partial Regex RangeOrCompare();

    [GeneratedRegex(@"执行|决算|批复|调整|已|完成")]
    private static partial Regex EarlierContext();

    [GeneratedRegex(@"决算|实际|执行数|支出数")]
    private static partial Regex FinalLabel();

    [GeneratedRegex(@"预算")]
    private static partial Regex BudgetLabel();

    [GeneratedRegex(@"完成(了)?(?<b>年初预算|调整预算|全年预算|预算)?的?\s*(?<p>\d+(\.\d+)?)\s*%|(预算)?完成率(为|是|达)?\s*(?<p>\d+(\.\d+)?)\s*%|为(?<b>年初预算|调整预算|预算)的\s*(?<p>\d+(\.\d+)?)\s*%")]
    private static partial Regex CompletionRate();

    [GeneratedRegex(@"决算数?(?<d>大于|小于|高于|低于|超过|等于)(年初|调整)?预算")]
    private static partial Regex Direction();

    [GeneratedRegex(@"原因|主要是|由于|因为|系")]
    private static partial Regex ReasonWords();
}
