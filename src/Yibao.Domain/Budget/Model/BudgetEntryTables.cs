using System.Globalization;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Budget.Model;

/// <summary>A column of an entry table: key (form field / code), Chinese caption (screen, Excel header), choices or number.</summary>
public sealed record EntryColumn(string Key, string Caption, IReadOnlyList<string>? Choices = null, bool Number = false, bool Required = false, string? Hint = null);

/// <summary>A standard entry table (one screen table, one Excel sheet).</summary>
public sealed record EntryTable(string Key, string Title, IReadOnlyList<EntryColumn> Columns);

/// <summary>
/// 预算录入表：收入、支出明细、项目、绩效目标、三公经费、机关运行经费、政府采购、资产占用、拟购置资产、上年数与增减原因、名词解释、其他说明.
/// The same tables are the entry screens and the sheets of the Excel template; rows of text cells are read into the budget
/// with every problem as 第N行/列名/规则 (all-or-nothing: the caller writes nothing when there is any error).
/// </summary>
public static class BudgetEntryTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] SourceChoices = Enum.GetValues<FundingSource>().Select(s => s.Chinese()).ToArray();

    /// <summary>三公经费表的固定项目（键 → 名称）。</summary>
    public static readonly IReadOnlyList<(string Key, string Name)> SanGongItems =
    [
        ("abroad", "因公出国（境）费"), ("vehiclePurchase", "公务用车购置费"), ("vehicleOperation", "公务用车运行维护费"),
        ("reception", "公务接待费"), ("meeting", "会议费"), ("training", "培训费"),
    ];

    public static readonly EntryTable Revenue = new("revenue", "收入", [
        new("source", "资金来源", SourceChoices, Required: true),
        new("amount", "金额（元）", Number: true, Required: true),
    ]);

    public static readonly EntryTable Lines = new("lines", "支出明细", [
        new("function", "功能分类编码", Required: true, Hint: "7 位，到项，如 2101506"),
        new("functionName", "功能分类名称", Hint: "空则取本年度科目表名称；填写则核对"),
        new("deptEconomic", "部门经济分类编码", Required: true, Hint: "5 位，到款，如 30201"),
        new("govEconomic", "政府经济分类编码", Required: true, Hint: "5 位，到款，如 50201"),
        new("source", "资金来源", SourceChoices, Required: true),
        new("type", "支出类型", ["基本", "项目"], Required: true),
        new("kind", "人员/公用", ["人员", "公用"], Hint: "基本支出必填"),
        new("project", "项目编号", Hint: "项目支出必填"),
        new("amount", "金额（元）", Number: true, Required: true),
        new("unit", "单位编码", Hint: "空为本单位；部门预算填下属单位编码"),
    ]);

    public static readonly EntryTable Projects = new("projects", "项目", [
        new("id", "项目编号", Required: true),
        new("name", "项目名称", Required: true),
        new("description", "项目概述"),
    ]);

    public static readonly EntryTable SanGong = new("sangong", "三公经费", [
        new("item", "项目", SanGongItems.Select(i => i.Name).ToArray(), Required: true),
        new("amount", "金额（元）", Number: true, Required: true),
    ]);

    public static readonly EntryTable RunningCost = new("running", "机关运行经费", [
        new("item", "项目", Required: true, Hint: "如 办公费、水电费"),
        new("amount", "金额（元）", Number: true, Required: true),
    ]);

    public static readonly EntryTable Procurement = new("procurement", "政府采购", [
        new("name", "采购项目", Required: true),
        new("category", "品目", ["货物", "工程", "服务"], Required: true),
        new("amount", "金额（元）", Number: true, Required: true),
        new("sme", "预留中小企业份额（元）", Number: true),
        new("project", "项目编号"),
        new("quantity", "数量"),
    ]);

    public static readonly EntryTable Holdings = new("holdings", "资产占用", [
        new("category", "资产类别", Required: true, Hint: "如 车辆、单价 50 万元以上设备"),
        new("quantity", "数量", Number: true),
        new("quantityUnit", "计量单位"),
        new("value", "价值（元）", Number: true, Required: true),
    ]);

    public static readonly EntryTable Planned = new("planned", "拟购置资产", [
        new("name", "资产名称", Required: true),
        new("quantity", "数量", Number: true, Required: true),
        new("quantityUnit", "计量单位", Required: true),
        new("amount", "金额（元）", Number: true, Required: true),
    ]);

    public static readonly EntryTable Prior = new("prior", "上年数与增减原因", [
        new("key", "键", Required: true, Hint: "见 docs/formats/budget.md，如 expense、F:2101506、P:项目编号"),
        new("label", "项目", Hint: "只读：键的名称"),
        new("prior", "上年数（元）", Number: true),
        new("reason", "增减原因"),
    ]);

    /// <summary>绩效目标：one row per 三级指标; 对象 empty = 单位整体目标, else a 项目编号; 目标描述 on any row of the object.</summary>
    public static readonly EntryTable Targets = new("targets", "绩效目标", [
        new("object", "对象", Hint: "空为单位整体绩效目标；填项目编号为该项目的绩效目标"),
        new("goal", "目标描述", Hint: "同一对象填一次即可"),
        new("level1", "一级指标", ["产出指标", "效益指标", "满意度指标", "成本指标"], Required: true),
        new("level2", "二级指标", Required: true, Hint: "如 数量指标、质量指标、时效指标、社会效益指标、服务对象满意度指标"),
        new("name", "三级指标", Required: true),
        new("description", "指标解释"),
        new("operator", "符号", ["≥", "≤", "=", ">", "<"], Hint: "定性指标留空"),
        new("value", "指标值", Required: true),
        new("unit", "计量单位", Hint: "如 %、人、万元"),
        new("basis", "评分依据"),
        new("weight", "权重（分）", Number: true),
    ]);

    public static readonly EntryTable Glossary = new("glossary", "名词解释", [
        new("term", "名词", Required: true),
        new("definition", "解释", Required: true),
    ]);

    public static readonly EntryTable Notes = new("notes", "其他说明", [
        new("note", "说明", Required: true),
    ]);

    /// <summary>Every standard table, in the order of the screens and of the Excel template's sheets.</summary>
    public static readonly IReadOnlyList<EntryTable> All = [Revenue, Lines, Projects, Targets, SanGong, RunningCost, Procurement, Holdings, Planned, Prior, Glossary, Notes];

    public static EntryTable? ByKey(string? key) => All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));

    public static EntryTable? BySheet(string? title) => All.FirstOrDefault(t => string.Equals(t.Title, title?.Trim(), StringComparison.Ordinal));

    private static string Money(decimal v) => v.ToString("0.##", Inv);

    private static string Num(decimal? v) => v?.ToString("0.##", Inv) ?? "";

    /// <summary>The table's rows of the budget as text cells (column order of <see cref="EntryTable.Columns"/>).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(EntryTable table, DepartmentBudget b, Func<string, string?>? nameOf = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(b);
        return table.Key switch
        {
            "revenue" => b.Revenue.Select(r => (IReadOnlyList<string>)[r.Source.Chinese(), Money(r.Amount)]).ToList(),
            "lines" => b.Lines.Select(l => (IReadOnlyList<string>)[
                l.FunctionCode, b.Names.TryGetValue("F:" + l.FunctionCode, out var fn) ? fn : "", l.DeptEconomicCode, l.GovEconomicCode, l.Source.Chinese(),
                l.Type == ExpenseType.Basic ? "基本" : "项目", l.Kind switch { BasicKind.Personnel => "人员", BasicKind.Public => "公用", _ => "" },
                l.ProjectId ?? "", Money(l.Amount), l.UnitCode == b.Unit.Code ? "" : l.UnitCode]).ToList(),
            "projects" => b.Projects.Select(p => (IReadOnlyList<string>)[p.Id, p.Name, p.Description ?? ""]).ToList(),
            "sangong" => SanGongItems.Select(i => (IReadOnlyList<string>)[i.Name, Money(SanGongValue(b.SanGong, i.Key))]).ToList(),
            "running" => b.RunningCost.Select(r => (IReadOnlyList<string>)[r.Item, Money(r.Amount)]).ToList(),
            "procurement" => b.Procurement.Select(p => (IReadOnlyList<string>)[p.Name, p.Category.Chinese(), Money(p.Amount), Money(p.SmeReserved), p.ProjectId ?? "", p.Quantity ?? ""]).ToList(),
            "holdings" => b.Assets.Holdings.Select(h => (IReadOnlyList<string>)[h.Category, Num(h.Quantity), h.QuantityUnit ?? "", Money(h.Value)]).ToList(),
            "planned" => b.Assets.Planned.Select(p => (IReadOnlyList<string>)[p.Name, Num(p.Quantity), p.QuantityUnit, Money(p.Amount)]).ToList(),
            "prior" => PriorKeys(b).Select(k => (IReadOnlyList<string>)[k, BudgetFigures.Label(k, nameOf), Num(b.Prior?[k]), b.Reasons.TryGetValue(k, out var r) ? r : ""]).ToList(),
            "targets" => TargetRows(b),
            "glossary" => b.Glossary.Select(g => (IReadOnlyList<string>)[g.Term, g.Definition]).ToList(),
            "notes" => b.Notes.Select(n => (IReadOnlyList<string>)[n]).ToList(),
            _ => [],
        };
    }

    private static List<IReadOnlyList<string>> TargetRows(DepartmentBudget b)
    {
        var rows = new List<IReadOnlyList<string>>();
        void Add(string obj, PerformanceTarget? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.Indicators.Count == 0)
            {
                rows.Add([obj, t.Goal, "", "", "", "", "", "", "", "", ""]);
            }

            for (var i = 0; i < t.Indicators.Count; i++)
            {
                var x = t.Indicators[i];
                rows.Add([obj, i == 0 ? t.Goal : "", x.Level1, x.Level2, x.Name, x.Description ?? "", x.Operator, x.Value, x.Unit ?? "", x.Basis ?? "", Num(x.Weight)]);
            }
        }

        Add("", b.UnitTarget);
        foreach (var p in b.Projects)
        {
            Add(p.Id, p.Target);
        }

        return rows;
    }

    /// <summary>Keys shown on the 上年数 table: the compared headline keys, the 项 of the current lines, the projects, and whatever the prior figures hold at those levels.</summary>
    public static IReadOnlyList<string> PriorKeys(DepartmentBudget b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var keys = new List<string>(BudgetFigures.HeadlineKeys);
        var extra = b.Lines.Where(l => l.FunctionCode.Length == 7).Select(l => "F:" + l.FunctionCode)
            .Concat(b.Projects.Where(p => p.Id.Length > 0).Select(p => "P:" + p.Id))
            .Concat(b.Prior?.Figures.Keys.Where(k => (k.StartsWith("F:", StringComparison.Ordinal) && k.Length == 9) || k.StartsWith("P:", StringComparison.Ordinal)) ?? [])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        keys.AddRange(extra);
        return keys;
    }

    private static decimal SanGongValue(SanGongCosts s, string key) => key switch
    {
        "abroad" => s.Abroad,
        "vehiclePurchase" => s.VehiclePurchase,
        "vehicleOperation" => s.VehicleOperation,
        "reception" => s.Reception,
        "meeting" => s.Meeting,
        _ => s.Training,
    };

    /// <summary>
    /// Reads rows of text cells into the table's part of the budget. <paramref name="firstRow"/> is the number of the first
    /// data row in messages (1 on screens, 2 in a workbook under its header). Blank rows are skipped.
    /// <paramref name="where"/> prefixes messages (e.g. the sheet name). Returns the budget with the part replaced.
    /// </summary>
    public static DepartmentBudget Apply(EntryTable table, DepartmentBudget b, IReadOnlyList<IReadOnlyList<string>> rows, int firstRow, List<ImportRowError> errors, string? where = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(errors);
        var prefix = where is null ? "" : where;
        var parsed = new List<(int Row, Func<string, string> Cell)>();
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var number = firstRow + i;
            parsed.Add((number, key =>
            {
                var c = table.Columns.Select((col, idx) => (col, idx)).First(x => x.col.Key == key).idx;
                return c < r.Count ? (r[c] ?? "").Trim() : "";
            }));
        }
        decimal Amount((int Row, Func<string, string> Cell) row, string key, bool required = true)
        {
            var col = table.Columns.First(c => c.Key == key);
            var text = row.Cell(key).Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
            if (text.Length == 0)
            {
                if (required)
                {
                    errors.Add(new ImportRowError(row.Row, prefix + col.Caption, "必填"));
                }
                return 0;
            }
            if (!decimal.TryParse(text, NumberStyles.Number, Inv, out var v))
            {
                errors.Add(new ImportRowError(row.Row, prefix + col.Caption, $"“{row.Cell(key)}”不是数字"));
                return 0;
            }
            if (v < 0)
            {
                errors.Add(new ImportRowError(row.Row, prefix + col.Caption, "不能为负数"));
            }
            if (decimal.Round(v, 2) != v)
            {
                errors.Add(new ImportRowError(row.Row, prefix + col.Caption, "最多两位小数（到分）"));
            }
            return v;
        }
        string Text((int Row, Func<string, string> Cell) row, string key, int max = 200)
        {
            var col = table.Columns.First(c => c.Key == key);
            var v = row.Cell(key);
            if (col.Required && v.Length == 0)
            {
                errors.Add(new ImportRowError(row.Row, prefix + col.Caption, "必填"));
            }
            if (v.Length > max)
            {
                errors.Add(new ImportRowError(row.Row, prefix + col.Caption, string.Create(Inv, $"不能超过 {max} 个字")));
            }
            return v;
        }
        T Choice<T>((int Row, Func<string, string> Cell) row, string key, T fallback) where T : struct, Enum
        {
            var col = table.Columns.First(c => c.Key == key);
            var v = row.Cell(key);
            var parsedValue = BudgetNames.Parse<T>(v);
            if (parsedValue is null)
            {
                errors.Add(new ImportRowError(row.Row, prefix + col.Caption, v.Length == 0 ? $"必填，取值为 {string.Join("、", col.Choices ?? [])}" : $"“{v}”不是有效取值，应为 {string.Join("、", col.Choices ?? [])}"));
                return fallback;
            }
            return parsedValue.Value;
        }

        switch (table.Key)
        {
            case "revenue":
                return b with { Revenue = parsed.Select(r => new RevenueLine(Choice(r, "source", FundingSource.GeneralPublic), Amount(r, "amount"))).ToList() };
            case "lines":
            {
                var units = b.Unit.SelfAndSubordinates().Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
                var names = new Dictionary<string, string>(b.Names, StringComparer.Ordinal);
                foreach (var k in names.Keys.Where(k => k.StartsWith("F:", StringComparison.Ordinal)).ToList())
                {
                    names.Remove(k);
                }
                var lines = new List<BudgetLine>();
                foreach (var r in parsed)
                {
                    var type = Choice(r, "type", ExpenseType.Basic);
                    var kindText = r.Cell("kind");
                    BasicKind? kind = kindText.Length == 0 ? null : Choice(r, "kind", BasicKind.Public);
                    if (type == ExpenseType.Project && kind is not null)
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "人员/公用", "只有基本支出填写人员/公用"));
                    }
                    var unit = r.Cell("unit");
                    if (unit.Length > 0 && !units.Contains(unit))
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "单位编码", $"“{unit}”不是本单位或其下属单位"));
                    }
                    var function = Text(r, "function", 7);
                    var fname = r.Cell("functionName");
                    if (fname.Length > 0 && function.Length > 0)
                    {
                        names["F:" + function] = fname;
                    }
                    var project = r.Cell("project");
                    lines.Add(new BudgetLine(unit.Length == 0 ? b.Unit.Code : unit, function, Text(r, "deptEconomic", 5), Text(r, "govEconomic", 5),
                        Choice(r, "source", FundingSource.GeneralPublic), type, kind, project.Length == 0 ? null : project, Amount(r, "amount")));
                }
                return b with { Lines = lines, Names = names };
            }
            case "projects":
            {
                var list = parsed.Select(r => new BudgetProject(Text(r, "id", 60), Text(r, "name"), NullIfEmpty(Text(r, "description", 2000)),
                    b.Projects.FirstOrDefault(p => p.Id == r.Cell("id"))?.Target)).ToList();
                var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (r, p) in parsed.Zip(list))
                {
                    if (p.Id.Length > 0 && !firstRowOf.TryAdd(p.Id, r.Row))
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "项目编号", string.Create(Inv, $"“{p.Id}”与第 {firstRowOf[p.Id]} 行重复")));
                    }
                }
                return b with { Projects = list };
            }
            case "sangong":
            {
                var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var r in parsed)
                {
                    var name = r.Cell("item");
                    var item = SanGongItems.FirstOrDefault(i => i.Name == name || i.Key == name);
                    if (item.Key is null)
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "项目", $"“{name}”不是有效取值，应为 {string.Join("、", SanGongItems.Select(i => i.Name))}"));
                        continue;
                    }
                    if (values.ContainsKey(item.Key))
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "项目", $"“{item.Name}”重复"));
                    }
                    values[item.Key] = Amount(r, "amount");
                }
                decimal V(string k) => values.TryGetValue(k, out var v) ? v : 0;
                return b with { SanGong = new SanGongCosts(V("abroad"), V("vehiclePurchase"), V("vehicleOperation"), V("reception"), V("meeting"), V("training")) };
            }
            case "running":
                return b with { RunningCost = parsed.Select(r => new RunningCostItem(Text(r, "item"), Amount(r, "amount"))).ToList() };
            case "procurement":
                return b with
                {
                    Procurement = parsed.Select(r => new ProcurementItem(Text(r, "name"), Choice(r, "category", ProcurementCategory.Goods), Amount(r, "amount"),
                        Amount(r, "sme", required: false), NullIfEmpty(r.Cell("project")), NullIfEmpty(Text(r, "quantity", 60)))).ToList(),
                };
            case "holdings":
                return b with
                {
                    Assets = b.Assets with
                    {
                        Holdings = parsed.Select(r => new AssetHolding(Text(r, "category"), r.Cell("quantity").Length == 0 ? null : Amount(r, "quantity"),
                            NullIfEmpty(Text(r, "quantityUnit", 20)), Amount(r, "value"))).ToList(),
                    },
                };
            case "planned":
                return b with
                {
                    Assets = b.Assets with
                    {
                        Planned = parsed.Select(r => new AssetPurchase(Text(r, "name"), Amount(r, "quantity"), Text(r, "quantityUnit", 20), Amount(r, "amount"))).ToList(),
                    },
                };
            case "prior":
            {
                var figures = new Dictionary<string, decimal>(StringComparer.Ordinal);
                var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
                var linked = b.Prior?.IsLinked == true;
                foreach (var r in parsed)
                {
                    var key = Text(r, "key", 80);
                    if (key.Length == 0)
                    {
                        continue;
                    }
                    if (r.Cell("prior").Length > 0)
                    {
                        figures[key] = Amount(r, "prior");
                    }
                    var reason = Text(r, "reason", 1000);
                    if (reason.Length > 0)
                    {
                        reasons[key] = reason;
                    }
                }
                PriorYearFigures? prior;
                if (linked)
                {
                    // linked figures come from last year's stored budget: only the reasons are typed
                    prior = b.Prior;
                }
                else
                {
                    // figures at other levels (e.g. imported with the document) are kept unless the table names them
                    var merged = new Dictionary<string, decimal>(b.Prior?.Figures ?? new Dictionary<string, decimal>(), StringComparer.Ordinal);
                    foreach (var r in parsed)
                    {
                        var key = r.Cell("key");
                        if (key.Length > 0 && r.Cell("prior").Length == 0)
                        {
                            merged.Remove(key);
                        }
                    }
                    foreach (var (k, v) in figures)
                    {
                        merged[k] = v;
                    }
                    prior = merged.Count == 0 ? null : new PriorYearFigures(b.Prior?.Year ?? b.Year - 1, merged);
                }
                var allReasons = new Dictionary<string, string>(b.Reasons, StringComparer.Ordinal);
                foreach (var r in parsed)
                {
                    var key = r.Cell("key");
                    if (key.Length > 0)
                    {
                        allReasons.Remove(key);
                    }
                }
                foreach (var (k, v) in reasons)
                {
                    allReasons[k] = v;
                }
                return b with { Prior = prior, Reasons = allReasons };
            }
            case "targets":
            {
                var projects = b.Projects.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                var goals = new Dictionary<string, string>(StringComparer.Ordinal);
                var indicators = new Dictionary<string, List<Indicator>>(StringComparer.Ordinal);
                foreach (var r in parsed)
                {
                    var obj = r.Cell("object");
                    if (obj.Length > 0 && !projects.Contains(obj))
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "对象", $"“{obj}”不是本预算的项目编号（先在“项目”表中登记项目）"));
                    }

                    var goal = Text(r, "goal", 2000);
                    if (goal.Length > 0)
                    {
                        goals.TryAdd(obj, goal);
                    }

                    var level1 = r.Cell("level1");
                    if (level1.Length == 0 && r.Cell("name").Length == 0 && goal.Length > 0)
                    {
                        indicators.TryAdd(obj, []);
                        continue; // a goal-only row
                    }

                    var op = r.Cell("operator");
                    if (op.Length > 0 && !(Targets.Columns.First(c => c.Key == "operator").Choices ?? []).Contains(op))
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "符号", $"“{op}”不是有效取值，应为 ≥、≤、=、>、< 或留空（定性指标）"));
                    }

                    var weightText = r.Cell("weight");
                    decimal? weight = weightText.Length == 0 ? null : Amount(r, "weight", required: false);
                    if (weight > 100)
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "权重（分）", "不能超过 100 分"));
                    }

                    var value = Text(r, "value", 100);
                    if (op.Length > 0 && value.Length > 0 && !decimal.TryParse(value.TrimEnd('%'), NumberStyles.Number, Inv, out _))
                    {
                        errors.Add(new ImportRowError(r.Row, prefix + "指标值", $"有符号 {op} 的定量指标，指标值须为数字，实为“{value}”"));
                    }

                    var indicator = new Indicator(Text(r, "level1", 20), Text(r, "level2", 40), Text(r, "name", 200), NullIfEmpty(Text(r, "description", 2000)), op, value,
                        NullIfEmpty(Text(r, "unit", 20)), NullIfEmpty(Text(r, "basis", 500)), weight);
                    if (!indicators.TryGetValue(obj, out var list))
                    {
                        indicators[obj] = list = [];
                    }

                    list.Add(indicator);
                }

                PerformanceTarget? TargetOf(string obj) =>
                    indicators.TryGetValue(obj, out var list) || goals.ContainsKey(obj)
                        ? new PerformanceTarget(goals.TryGetValue(obj, out var g) ? g : "", list ?? [])
                        : null;
                return b with
                {
                    UnitTarget = TargetOf(""),
                    Projects = b.Projects.Select(p => p with { Target = TargetOf(p.Id) }).ToList(),
                };
            }
            case "glossary":
                return b with { Glossary = parsed.Select(r => new GlossaryEntry(Text(r, "term", 100), Text(r, "definition", 2000))).ToList() };
            case "notes":
                return b with { Notes = parsed.Select(r => Text(r, "note", 4000)).ToList() };
            default:
                errors.Add(new ImportRowError(0, prefix + "表", $"未知的录入表“{table.Key}”"));
                return b;
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>A new, empty budget in 编制中 for the unit.</summary>
    public static DepartmentBudget Empty(BudgetUnit unit, int year, BudgetPhase phase, int version, string? profile) =>
        new(unit, year, phase, version, BudgetStatus.Drafting, null, null, null, profile ?? "national",
            [], [], [], null, SanGongCosts.Zero, [], [], AssetInfo.Empty, null,
            new Dictionary<string, string>(), new Dictionary<string, decimal>(), [], [], new Dictionary<string, string>());
}
