using System.Globalization;
using System.Text;
using Yibao.Domain.Budget.Classification;
using Yibao.Domain.Common;

namespace Yibao.Domain.Budget.Model;

/// <summary>A section of the generated disclosure: heading, paragraphs and inline tables.</summary>
public sealed record DisclosureSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>A generated disclosure: narrative sections and the numbered tables of its profile.</summary>
public sealed record GeneratedDisclosure(
    string Title,
    string UnitName,
    int Year,
    DisclosureProfile Profile,
    IReadOnlyList<DisclosureSection> Sections,
    IReadOnlyList<GeneratedTable> Tables)
{
    /// <summary>
    /// Plain text: paragraphs, and tables as one row per line with tab-separated cells — the shape the disclosure checker reads.
    /// </summary>
    public string ToPlainText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Title).AppendLine();
        foreach (var s in Sections)
        {
            sb.AppendLine(s.Heading).AppendLine();
            foreach (var p in s.Paragraphs)
            {
                sb.AppendLine(p).AppendLine();
            }
        }
        foreach (var t in Tables)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"表{t.Number}").AppendLine();
            sb.AppendLine(t.Title).AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"单位：{t.Unit}").AppendLine();
            if (t.EmptyNote is not null)
            {
                sb.AppendLine(t.EmptyNote).AppendLine();
            }
            sb.AppendLine(string.Join('\t', t.Headers));
            foreach (var r in t.Rows)
            {
                sb.AppendLine(string.Join('\t', r.Select(t.Display)));
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }
}

/// <summary>
/// Generates the disclosure of a budget under a profile: the narrative from the data (totals, composition,
/// change against last year with the direction word and the percentage computed once, the typed reasons),
/// 三公, 机关运行经费, 政府采购, 国有资产, 绩效目标, 名词解释, and every table of the profile (empty tables explained).
/// </summary>
public static class DisclosureComposer
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];

    public static GeneratedDisclosure Compose(DepartmentBudget budget, DisclosureProfile profile, ClassificationCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(profile);
        catalog ??= ClassificationCatalog.Default;
        var c = BudgetFigures.Compute(budget);
        var w = profile.UnitWord;
        var y = budget.Year;
        var phase = budget.Phase.Chinese();
        var sections = new List<(string Title, List<string> Paragraphs)>();

        // 单位概况
        var overview = new List<string>();
        if (budget.Unit.Responsibilities.Count > 0)
        {
            overview.Add("主要职责：" + string.Join("", budget.Unit.Responsibilities.Select((r, i) => $"（{Numerals[Math.Min(i, Numerals.Length - 1)]}）{r.TrimEnd('。', '；')}；")).TrimEnd('；') + "。");
        }
        overview.Add(Org(budget.Unit, w));
        sections.Add(("单位概况", overview));

        // 收支总体情况
        var total = new List<string>();
        var sources = budget.Revenue.GroupBy(r => r.Source).OrderBy(g => g.Key).Select(g => $"{g.Key.Chinese()}{Wan(g.Sum(x => x.Amount))}万元").ToList();
        total.Add($"{y}年{w}{phase}收入{Wan(c["revenue"])}万元" + (sources.Count > 0 ? "，其中：" + string.Join("，", sources) : "") + "。");
        total.Add($"{y}年{w}{phase}支出{Wan(c["expense"])}万元，其中：基本支出{Wan(c["basic"])}万元，项目支出{Wan(c["project"])}万元。");
        if (c["basic"] != 0)
        {
            total.Add($"基本支出{Wan(c["basic"])}万元，其中：人员经费{Wan(c["personnel"])}万元，公用经费{Wan(c["public"])}万元。");
        }
        var gpExpense = budget.Lines.Where(l => l.Source == FundingSource.GeneralPublic).Sum(l => l.Amount);
        var gfExpense = budget.Lines.Where(l => l.Source == FundingSource.GovernmentFund).Sum(l => l.Amount);
        total.Add($"财政拨款支出{Wan(gpExpense + gfExpense)}万元，其中：一般公共预算拨款支出{Wan(gpExpense)}万元，政府性基金预算拨款支出{Wan(gfExpense)}万元。");
        if (gfExpense == 0)
        {
            total.Add($"{w}{y}年无政府性基金预算拨款收支，政府性基金预算支出表为空表。");
        }
        sections.Add(("收支预算总体情况", total));

        // 支出安排（功能、经济、项目）
        var spend = new List<string>();
        var classes = budget.Lines.GroupBy(l => l.FunctionCode[..3]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (classes.Count > 0)
        {
            spend.Add("按支出功能分类：" + string.Join("；", classes.Select(g => $"{Name(budget, catalog, ClassificationKind.Function, g.Key)}（{g.Key}）{Wan(g.Sum(l => l.Amount))}万元")) + "。");
            foreach (var g in budget.Lines.GroupBy(l => l.FunctionCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var key = "F:" + g.Key;
                spend.Add($"{Name(budget, catalog, ClassificationKind.Function, g.Key)}（{g.Key}）{Wan(g.Sum(l => l.Amount))}万元" + Change(budget, key, c, $"{Name(budget, catalog, ClassificationKind.Function, g.Key)}（{g.Key}）") + "。");
            }
        }
        var econ = budget.Lines.Where(l => l.Type == ExpenseType.Basic).GroupBy(l => l.DeptEconomicCode[..3]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (econ.Count > 0)
        {
            spend.Add("基本支出按部门经济分类：" + string.Join("；", econ.Select(g => $"{Name(budget, catalog, ClassificationKind.DepartmentEconomic, g.Key)}{Wan(g.Sum(l => l.Amount))}万元")) + "。");
        }
        foreach (var p in budget.Projects)
        {
            var amount = budget.Lines.Where(l => l.ProjectId == p.Id).Sum(l => l.Amount);
            spend.Add($"项目“{p.Name}”{Wan(amount)}万元" + (string.IsNullOrWhiteSpace(p.Description) ? "" : "，" + p.Description.TrimEnd('。')) + Change(budget, "P:" + p.Id, c, "该项目") + "。");
        }
        sections.Add(("支出预算安排情况", spend));

        // 比上年增减
        var change = new List<string>();
        if (budget.Prior is null)
        {
            change.Add($"上年无可比口径的{phase}数据，本年不作增减比较。");
        }
        else
        {
            foreach (var key in new[] { "expense", "basic", "project" })
            {
                if (budget.Prior[key] is not null)
                {
                    change.Add($"{y}年{BudgetFigures.Label(key).Replace("支出合计", "支出预算", StringComparison.Ordinal)}{Wan(c[key])}万元" + Change(budget, key, c, null) + "。");
                }
            }
        }
        sections.Add(("比上年增减变化情况", change));

        // 三公
        var s = budget.SanGong;
        var sg = new List<string>
        {
            $"{y}年财政拨款“三公”经费预算{Wan(s.Total)}万元，其中：因公出国（境）费{Wan(s.Abroad)}万元，公务用车购置及运行维护费{Wan(s.Vehicle)}万元（其中：公务用车购置费{Wan(s.VehiclePurchase)}万元，公务用车运行维护费{Wan(s.VehicleOperation)}万元），公务接待费{Wan(s.Reception)}万元。"
                + (budget.Prior?["sangong"] is not null ? "“三公”经费" + Change(budget, "sangong", c, null).TrimStart('，') + "。" : ""),
            $"{y}年会议费预算{Wan(s.Meeting)}万元，培训费预算{Wan(s.Training)}万元。",
        };
        if (s.Total == 0)
        {
            sg.Add($"{w}本年未安排“三公”经费预算，“三公”经费支出表为空表。");
        }
        sections.Add(("“三公”经费预算情况", sg));

        // 机关运行经费
        var running = new List<string>();
        if (budget.Unit.HasAdministrativeNature || budget.RunningCost.Count > 0)
        {
            running.Add($"{y}年机关运行经费财政拨款预算{Wan(c["running"])}万元" +
                (budget.RunningCost.Count > 0 ? "，主要包括：" + string.Join("，", budget.RunningCost.Select(r => $"{r.Item}{Wan(r.Amount)}万元")) : "") +
                (budget.Prior?["running"] is not null ? "。机关运行经费" + Change(budget, "running", c, null).TrimStart('，') : "") + "。");
        }
        else
        {
            running.Add($"{w}为{budget.Unit.Nature.Chinese()}事业单位，不属于机关运行经费的公开范围（适用于行政单位和参照公务员法管理的事业单位）。");
        }
        sections.Add(("机关运行经费", running));

        // 政府采购
        var proc = new List<string>();
        if (c["procurement"] == 0)
        {
            proc.Add($"{y}年{w}无政府采购预算，政府采购预算表为空表。");
        }
        else
        {
            proc.Add($"{y}年政府采购预算{Wan(c["procurement"])}万元，其中：政府采购货物预算{Wan(c["procurement.goods"])}万元，政府采购工程预算{Wan(c["procurement.works"])}万元，政府采购服务预算{Wan(c["procurement.services"])}万元。"
                + $"预留中小企业采购份额{Wan(c["procurement.sme"])}万元" + (Money.Percent(c["procurement.sme"], c["procurement"]) is decimal sme ? $"，占政府采购预算的{sme.ToString("0.00", CultureInfo.InvariantCulture)}%" : "") + "。");
        }
        sections.Add(("政府采购预算情况", proc));

        // 国有资产
        var assets = new List<string>();
        var asOf = budget.Assets.AsOf is DateOnly d ? $"截至{d.Year}年{d.Month}月{d.Day}日" : "截至上年末";
        if (budget.Assets.Holdings.Count == 0)
        {
            assets.Add($"{asOf}，{w}无固定资产占用。");
        }
        else
        {
            assets.Add($"{asOf}，{w}固定资产总额{Wan(budget.Assets.Total)}万元，其中：" + string.Join("，", budget.Assets.Holdings.Select(h =>
                $"{h.Category}{(h.Quantity is decimal q ? q.ToString("0.##", CultureInfo.InvariantCulture) + (h.QuantityUnit ?? "") : "")}{Wan(h.Value)}万元")) + "。");
        }
        assets.Add(budget.Assets.Planned.Count == 0
            ? $"{y}年{w}未安排购置固定资产。"
            : $"{y}年拟购置固定资产{Wan(budget.Assets.PlannedTotal)}万元，其中：" + string.Join("，", budget.Assets.Planned.Select(p => $"{p.Name}{p.Quantity.ToString("0.##", CultureInfo.InvariantCulture)}{p.QuantityUnit}{Wan(p.Amount)}万元")) + "。");
        sections.Add(("国有资产占用情况", assets));

        // 绩效目标
        var perf = new List<string>();
        var withTargets = budget.Projects.Where(p => p.Target is not null).ToList();
        perf.Add($"{w}{y}年实行绩效目标管理的项目{withTargets.Count.ToString(CultureInfo.InvariantCulture)}个，涉及预算{Wan(budget.Lines.Where(l => withTargets.Any(p => p.Id == l.ProjectId)).Sum(l => l.Amount))}万元。");
        if (budget.UnitTarget is not null)
        {
            perf.Add("整体绩效目标：" + budget.UnitTarget.Goal.TrimEnd('。') + "。" + Indicators(budget.UnitTarget));
        }
        foreach (var p in withTargets)
        {
            perf.Add($"项目“{p.Name}”绩效目标：" + p.Target!.Goal.TrimEnd('。') + "。" + Indicators(p.Target));
        }
        sections.Add(("绩效目标情况", perf));

        // 名词解释
        var glossary = (budget.Glossary.Count > 0 ? budget.Glossary : DefaultGlossary).Select((g, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}．{g.Term}：{g.Definition.TrimEnd('。')}。").ToList();
        sections.Add(("名词解释", glossary));

        sections.Add(("其他需要说明的事项", budget.Notes.Count > 0 ? budget.Notes.ToList() : ["无。"]));

        // 表格
        var tables = profile.Tables.Select((t, i) => BudgetTables.Build(budget, t.Kind, i + 1, t.Title, profile.TableUnit, profile.EmptyWording, catalog)).ToList();
        var listing = new List<string>();
        foreach (var t in tables)
        {
            listing.Add($"表{t.Number.ToString(CultureInfo.InvariantCulture)} {t.Title}" + (t.IsEmpty ? $"（空表：{t.EmptyNote!.TrimEnd('。')}）" : ""));
        }
        sections.Add(($"{y}年{w}{phase}公开报表目录", listing));

        var numbered = sections.Select((x, i) => new DisclosureSection($"{Numerals[i]}、{x.Title}", x.Paragraphs)).ToList();
        var title = $"{budget.Unit.Name}{y}年{w}{phase}公开";
        return new GeneratedDisclosure(title, budget.Unit.Name, y, profile, numbered, tables);
    }

    private static string Org(BudgetUnit u, string w)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{u.Name}为{u.Nature.Chinese()}单位");
        if (!string.IsNullOrWhiteSpace(u.Rank))
        {
            sb.Append(CultureInfo.InvariantCulture, $"，机构规格为{u.Rank}");
        }
        if (!string.IsNullOrWhiteSpace(u.FundingForm))
        {
            sb.Append(CultureInfo.InvariantCulture, $"，经费保障形式为{u.FundingForm}");
        }
        sb.Append(CultureInfo.InvariantCulture, $"；核定编制{u.Staffing.Authorized}名，实有人员{u.Staffing.Actual}人，离退休人员{u.Staffing.Retired}人");
        if (u.Departments.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"；内设{string.Join("、", u.Departments)}");
        }
        if (u.Subordinates.Count > 0)
        {
            sb.Append($"。{w}预算包括本级及下属单位：" + string.Join("；", u.Subordinates.Select(s =>
                $"{s.Name}（{s.Nature.Chinese()}，编制{s.Staffing.Authorized}名，实有{s.Staffing.Actual}人）")));
        }
        else
        {
            sb.Append("；无下属单位");
        }
        sb.Append('。');
        return sb.ToString();
    }

    private static string Indicators(PerformanceTarget t) =>
        t.Indicators.Count == 0 ? "" : "绩效指标：" + string.Join("；", t.Indicators.Select(i =>
            $"{i.Name}{(i.Operator.Length > 0 ? i.Operator : "")}{i.Value}{i.Unit}")) + "。";

    private static string Wan(decimal yuan) => Money.FormatWanYuan(yuan);

    private static string Name(DepartmentBudget b, ClassificationCatalog catalog, ClassificationKind kind, string code) => BudgetTables.NameOf(b, catalog, kind, code);

    /// <summary>
    /// “，较2023年X万元增加Y万元，增长Z%，主要原因是……” — the direction word and the percentage computed once from the exact values;
    /// the reason is the one the user typed. Empty when there is no prior figure.
    /// </summary>
    public static string Change(DepartmentBudget budget, string key, IReadOnlyDictionary<string, decimal> computed, string? subject)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(computed);
        if (budget.Prior is null)
        {
            return "";
        }
        if (budget.Prior[key] is not decimal priorYuan)
        {
            return "";
        }
        // The amounts and their difference as published (万元, two decimals), so the difference checks out exactly;
        // the percentage is computed once from the exact 元 values (DESIGN §3) — the checker accepts it because it lies
        // within the interval the rounded figures allow.
        var prior = Money.ToWanYuan(priorYuan);
        var currentYuan = computed.TryGetValue(key, out var v) ? v : 0;
        var current = Money.ToWanYuan(currentYuan);
        var py = budget.Prior.Year.ToString(CultureInfo.InvariantCulture);
        var diff = current - prior;
        var reason = budget.Reasons.TryGetValue(key, out var r) && !string.IsNullOrWhiteSpace(r) ? "，主要原因是" + r.Trim().TrimEnd('。') : "";
        if (diff == 0)
        {
            return $"，与{py}年持平";
        }
        var dir = diff > 0 ? "增加" : "减少";
        string F2(decimal x) => x.ToString("F2", CultureInfo.InvariantCulture);
        if (prior == 0)
        {
            return $"，{py}年无此项预算，本年新增{F2(diff)}万元{reason}";
        }
        var pct = Money.Percent(Math.Abs(currentYuan - priorYuan), priorYuan)!.Value.ToString("0.00", CultureInfo.InvariantCulture);
        return $"，较{py}年{F2(prior)}万元{dir}{F2(Math.Abs(diff))}万元，{(diff > 0 ? "增长" : "下降")}{pct}%{reason}";
    }

    /// <summary>名词解释（缺省），用语依《地方预决算公开操作规程》的口径由本项目撰写。</summary>
    public static IReadOnlyList<GlossaryEntry> DefaultGlossary { get; } =
    [
        new("一般公共预算拨款收入", "本级财政当年拨付给本部门、用于一般公共预算支出的资金"),
        new("政府性基金拨款收入", "本级财政当年从政府性基金预算中拨付的资金"),
        new("上年结转", "以前年度尚未完成、结转到本年按原规定用途继续使用的资金"),
        new("基本支出", "为保障机构正常运转、完成日常工作任务而发生的支出，包括人员经费和公用经费"),
        new("项目支出", "在基本支出之外，为完成特定行政任务和事业发展目标所发生的支出"),
        new("“三公”经费", "用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费"),
        new("机关运行经费", "行政单位和参照公务员法管理的事业单位用一般公共预算拨款安排的公用经费，用于购买维持机关运转的货物和服务"),
    ];
}
