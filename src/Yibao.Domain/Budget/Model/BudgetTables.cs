using System.Globalization;
using Yibao.Domain.Budget.Classification;

namespace Yibao.Domain.Budget.Model;

/// <summary>A cell: text, or a money amount in 元 (rendered in the table's unit), or blank.</summary>
public sealed record TableCell(string Text, decimal? Amount)
{
    public static TableCell Blank { get; } = new("", null);

    public static TableCell Of(string text) => new(text, null);

    public static TableCell Money(decimal amount) => new("", amount);

    /// <summary>Amount, or blank when zero (published tables leave zero cells empty).</summary>
    public static TableCell MoneyOrBlank(decimal amount) => amount == 0 ? Blank : new("", amount);
}

/// <summary>A published table: numbered, titled, in 元 or 万元, with an explanation when it has no data.</summary>
public sealed record GeneratedTable(
    TableKind Kind,
    int Number,
    string Title,
    string Unit,
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<TableCell>> Rows,
    string? EmptyNote)
{
    public bool IsEmpty => EmptyNote is not null;

    /// <summary>Cell as displayed: amounts in the table unit with two decimals (invariant culture, as published).</summary>
    public string Display(TableCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Amount is decimal a ? DisplayAmount(a, Unit) : cell.Text;
    }

    public static string DisplayAmount(decimal yuan, string unit) => unit == "万元"
        ? Common.Money.FormatWanYuan(yuan)
        : Common.Money.RoundToFen(yuan).ToString("F2", CultureInfo.InvariantCulture);
}

/// <summary>The kinds of tables a profile can publish; each is a pure projection of the budget's lines.</summary>
public enum TableKind
{
    /// <summary>部门收支总表</summary>
    Summary,
    /// <summary>部门收入总表（按功能分类、按来源）</summary>
    Revenue,
    /// <summary>部门支出总表（按功能分类、基本/项目）</summary>
    Expense,
    /// <summary>财政拨款收支总表</summary>
    FinancialSummary,
    /// <summary>一般公共预算支出表（按功能分类）</summary>
    GeneralPublicByFunction,
    /// <summary>一般公共预算支出表（按部门经济分类）</summary>
    GeneralPublicByEconomic,
    /// <summary>一般公共预算基本支出表（按部门经济分类）</summary>
    GeneralPublicBasicByEconomic,
    /// <summary>一般公共预算基本支出表（按功能分类）</summary>
    GeneralPublicBasicByFunction,
    /// <summary>政府经济分类支出表</summary>
    GovernmentEconomic,
    /// <summary>“三公”经费支出表</summary>
    SanGong,
    /// <summary>“三公”经费及会议费、培训费支出表</summary>
    SanGongMeetingTraining,
    /// <summary>政府性基金预算支出表</summary>
    GovernmentFund,
    /// <summary>项目支出表 / 专项业务经费支出表</summary>
    Projects,
    /// <summary>政府采购预算表</summary>
    Procurement,
    /// <summary>固定资产占用情况表</summary>
    Assets,
    /// <summary>单位整体支出绩效目标表</summary>
    UnitPerformance,
    /// <summary>项目（业务经费）绩效目标表</summary>
    ProjectPerformance,
    /// <summary>专项资金总体绩效目标表（不管理本级专项资金时为空表）</summary>
    SpecialFundPerformance,
}

/// <summary>Projections of a budget into the standard tables. Pure functions: same budget, same tables.</summary>
public static class BudgetTables
{
    private static readonly FundingSource[] FinancialSources = [FundingSource.GeneralPublic, FundingSource.GovernmentFund, FundingSource.StateCapital];

    public static GeneratedTable Build(DepartmentBudget b, TableKind kind, int number, string title, string unit, string emptyWording, ClassificationCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        catalog ??= ClassificationCatalog.Default;
        var gp = b.Lines.Where(l => l.Source == FundingSource.GeneralPublic).ToList();
        (IReadOnlyList<string> headers, List<IReadOnlyList<TableCell>> rows, bool empty) = kind switch
        {
            TableKind.Summary => Summary(b, b.Revenue.Select(r => (r.Source, r.Amount)).ToList(), b.Lines, catalog),
            TableKind.FinancialSummary => Summary(b, b.Revenue.Where(r => FinancialSources.Contains(r.Source)).Select(r => (r.Source, r.Amount)).ToList(),
                b.Lines.Where(l => FinancialSources.Contains(l.Source)).ToList(), catalog),
            TableKind.Revenue => Revenue(b, catalog),
            TableKind.Expense => Tree(b, b.Lines, l => l.FunctionCode, ClassificationKind.Function, catalog, BasicProject),
            TableKind.GeneralPublicByFunction => Tree(b, gp, l => l.FunctionCode, ClassificationKind.Function, catalog, BasicProject),
            TableKind.GeneralPublicByEconomic => Tree(b, gp, l => l.DeptEconomicCode, ClassificationKind.DepartmentEconomic, catalog, PersonnelPublicProject),
            TableKind.GeneralPublicBasicByEconomic => Tree(b, gp.Where(l => l.Type == ExpenseType.Basic).ToList(), l => l.DeptEconomicCode, ClassificationKind.DepartmentEconomic, catalog, PersonnelPublic),
            TableKind.GeneralPublicBasicByFunction => Tree(b, gp.Where(l => l.Type == ExpenseType.Basic).ToList(), l => l.FunctionCode, ClassificationKind.Function, catalog, PersonnelPublic),
            TableKind.GovernmentEconomic => Tree(b, b.Lines, l => l.GovEconomicCode, ClassificationKind.GovernmentEconomic, catalog, BasicProject),
            TableKind.GovernmentFund => Tree(b, b.Lines.Where(l => l.Source == FundingSource.GovernmentFund).ToList(), l => l.FunctionCode, ClassificationKind.Function, catalog, BasicProject),
            TableKind.SanGong => SanGong(b, false),
            TableKind.SanGongMeetingTraining => SanGong(b, true),
            TableKind.Projects => Projects(b),
            TableKind.Procurement => Procurement(b),
            TableKind.Assets => Assets(b),
            TableKind.UnitPerformance => Performance(b.UnitTarget is null ? [] : [(b.Unit.Name, b.UnitTarget)]),
            TableKind.ProjectPerformance => Performance(b.Projects.Where(p => p.Target is not null).Select(p => (p.Name, p.Target!)).ToList()),
            TableKind.SpecialFundPerformance => Performance([]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new GeneratedTable(kind, number, title, unit, headers, rows, empty ? emptyWording : null);
    }

    private static readonly (string Header, Func<BudgetLine, bool> Filter)[] BasicProject =
    [
        ("基本支出", l => l.Type == ExpenseType.Basic),
        ("项目支出", l => l.Type == ExpenseType.Project),
    ];

    private static readonly (string Header, Func<BudgetLine, bool> Filter)[] PersonnelPublic =
    [
        ("人员经费", l => l.Type == ExpenseType.Basic && l.Kind == BasicKind.Personnel),
        ("公用经费", l => l.Type == ExpenseType.Basic && l.Kind != BasicKind.Personnel),
    ];

    private static readonly (string Header, Func<BudgetLine, bool> Filter)[] PersonnelPublicProject =
    [
        ("人员经费", l => l.Type == ExpenseType.Basic && l.Kind == BasicKind.Personnel),
        ("公用经费", l => l.Type == ExpenseType.Basic && l.Kind != BasicKind.Personnel),
        ("项目支出", l => l.Type == ExpenseType.Project),
    ];

    /// <summary>Name of a code in the budget's year: catalog first, then the budget's own names.</summary>
    public static string NameOf(DepartmentBudget b, ClassificationCatalog catalog, ClassificationKind kind, string code)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Find(kind, code, b.Year)?.Name
            ?? (b.Names.TryGetValue(BudgetValidator.NameKey(kind, code), out var n) ? n : code);
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) Summary(DepartmentBudget b, IReadOnlyList<(FundingSource Source, decimal Amount)> revenue, IReadOnlyList<BudgetLine> lines, ClassificationCatalog catalog)
    {
        var left = revenue.GroupBy(r => r.Source).OrderBy(g => g.Key).Select(g => (g.Key.Chinese(), g.Sum(x => x.Amount))).ToList();
        var right = lines.GroupBy(l => l.FunctionCode[..Math.Min(3, l.FunctionCode.Length)]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (NameOf(b, catalog, ClassificationKind.Function, g.Key), g.Sum(x => x.Amount))).ToList();
        var rows = new List<IReadOnlyList<TableCell>>();
        for (int i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            rows.Add([
                i < left.Count ? TableCell.Of(left[i].Item1) : TableCell.Blank,
                i < left.Count ? TableCell.Money(left[i].Item2) : TableCell.Blank,
                i < right.Count ? TableCell.Of(right[i].Item1) : TableCell.Blank,
                i < right.Count ? TableCell.Money(right[i].Item2) : TableCell.Blank,
            ]);
        }
        decimal rev = revenue.Sum(r => r.Amount), exp = lines.Sum(l => l.Amount);
        rows.Add([TableCell.Of("本年收入合计"), TableCell.Money(rev), TableCell.Of("本年支出合计"), TableCell.Money(exp)]);
        rows.Add([TableCell.Of("收入总计"), TableCell.Money(rev), TableCell.Of("支出总计"), TableCell.Money(exp)]);
        return (["收入项目", "预算数", "支出项目", "预算数"], rows, rev == 0 && exp == 0);
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) Revenue(DepartmentBudget b, ClassificationCatalog catalog)
    {
        var sources = b.Lines.Select(l => l.Source).Append(FundingSource.GeneralPublic).Distinct().Order().ToList();
        var columns = sources.Select(s => (s.Chinese(), (Func<BudgetLine, bool>)(l => l.Source == s))).ToArray();
        return Tree(b, b.Lines, l => l.FunctionCode, ClassificationKind.Function, catalog, columns);
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) Tree(DepartmentBudget b, IReadOnlyList<BudgetLine> lines, Func<BudgetLine, string> code, ClassificationKind kind, ClassificationCatalog catalog, (string Header, Func<BudgetLine, bool> Filter)[] columns)
    {
        var headers = new List<string> { "科目编码", "科目名称", "合计" };
        headers.AddRange(columns.Select(c => c.Header));
        var rows = new List<IReadOnlyList<TableCell>>();
        IReadOnlyList<TableCell> Row(string c, string name, IEnumerable<BudgetLine> ls)
        {
            var list = ls.ToList();
            var cells = new List<TableCell> { TableCell.Of(c), TableCell.Of(name), TableCell.Money(list.Sum(l => l.Amount)) };
            cells.AddRange(columns.Select(col => TableCell.MoneyOrBlank(list.Where(col.Filter).Sum(l => l.Amount))));
            return cells;
        }
        rows.Add(Row("", "合计", lines));
        var lengths = kind == ClassificationKind.Function ? new[] { 3, 5, 7 } : [3, 5];
        var codes = lines.Select(code).Where(c => c.Length > 0)
            .SelectMany(c => lengths.Where(n => c.Length >= n).Select(n => c[..n]))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var c in codes)
        {
            rows.Add(Row(c, NameOf(b, catalog, kind, c), lines.Where(l => code(l).StartsWith(c, StringComparison.Ordinal))));
        }
        return (headers, rows, lines.Count == 0 || lines.All(l => l.Amount == 0));
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) SanGong(DepartmentBudget b, bool meetingTraining)
    {
        var headers = new List<string> { "项目" };
        if (meetingTraining)
        {
            headers.AddRange(["会议费", "培训费"]);
        }
        headers.AddRange(["“三公”经费合计", "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]);
        var rows = new List<IReadOnlyList<TableCell>>();
        void Add(string label, decimal abroad, decimal purchase, decimal operation, decimal reception, decimal meeting, decimal training)
        {
            var cells = new List<TableCell> { TableCell.Of(label) };
            if (meetingTraining)
            {
                cells.Add(TableCell.Money(meeting));
                cells.Add(TableCell.Money(training));
            }
            cells.AddRange([TableCell.Money(abroad + purchase + operation + reception), TableCell.Money(abroad), TableCell.Money(purchase), TableCell.Money(operation), TableCell.Money(reception)]);
            rows.Add(cells);
        }
        var p = b.Prior;
        if (p is not null && p["sangong"] is not null)
        {
            Add(p.Year.ToString(CultureInfo.InvariantCulture) + "年预算", p["sangong.abroad"] ?? 0, p["sangong.vehiclePurchase"] ?? 0, p["sangong.vehicleOperation"] ?? 0, p["sangong.reception"] ?? 0, p["meeting"] ?? 0, p["training"] ?? 0);
        }
        var s = b.SanGong;
        Add(b.Year.ToString(CultureInfo.InvariantCulture) + "年预算", s.Abroad, s.VehiclePurchase, s.VehicleOperation, s.Reception, s.Meeting, s.Training);
        var empty = s.Total == 0 && (!meetingTraining || s.Meeting + s.Training == 0);
        return (headers, rows, empty);
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) Projects(DepartmentBudget b)
    {
        var rows = new List<IReadOnlyList<TableCell>>();
        var amounts = b.Projects.Select(p => (p, b.Lines.Where(l => l.ProjectId == p.Id).Sum(l => l.Amount))).ToList();
        rows.Add([TableCell.Of(""), TableCell.Of("合计"), TableCell.Money(amounts.Sum(a => a.Item2)), TableCell.Blank]);
        foreach (var (p, amount) in amounts)
        {
            rows.Add([TableCell.Of(p.Id), TableCell.Of(p.Name), TableCell.Money(amount), TableCell.Of(p.Description ?? "")]);
        }
        return (["项目编号", "项目名称", "项目金额", "项目简介"], rows, amounts.Sum(a => a.Item2) == 0);
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) Procurement(DepartmentBudget b)
    {
        var rows = new List<IReadOnlyList<TableCell>>
        {
            new[] { TableCell.Of("合计"), TableCell.Blank, TableCell.Blank, TableCell.Money(b.Procurement.Sum(p => p.Amount)), TableCell.Money(b.Procurement.Sum(p => p.SmeReserved)) },
        };
        foreach (var p in b.Procurement)
        {
            rows.Add([TableCell.Of(p.Name), TableCell.Of(p.Category.Chinese()), TableCell.Of(p.Quantity ?? ""), TableCell.Money(p.Amount), TableCell.MoneyOrBlank(p.SmeReserved)]);
        }
        return (["采购项目", "采购品目", "数量", "采购金额", "预留中小企业份额"], rows, b.Procurement.Count == 0);
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) Assets(DepartmentBudget b)
    {
        var rows = new List<IReadOnlyList<TableCell>>
        {
            new[] { TableCell.Of("资产总额"), TableCell.Of("——"), TableCell.Money(b.Assets.Total) },
        };
        foreach (var h in b.Assets.Holdings)
        {
            rows.Add([TableCell.Of(h.Category), TableCell.Of(h.Quantity is decimal q ? q.ToString("0.##", CultureInfo.InvariantCulture) + (h.QuantityUnit ?? "") : "——"), TableCell.Money(h.Value)]);
        }
        return (["项目", "数量", "价值"], rows, b.Assets.Holdings.Count == 0);
    }

    private static (IReadOnlyList<string>, List<IReadOnlyList<TableCell>>, bool) Performance(IReadOnlyList<(string Owner, PerformanceTarget Target)> targets)
    {
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var (owner, t) in targets)
        {
            foreach (var i in t.Indicators)
            {
                rows.Add([TableCell.Of(owner), TableCell.Of(i.Level1), TableCell.Of(i.Level2), TableCell.Of(i.Name), TableCell.Of(i.Operator), TableCell.Of(i.Value), TableCell.Of(i.Unit ?? ""),
                    TableCell.Of(i.Weight is decimal w ? w.ToString("0.##", CultureInfo.InvariantCulture) : "")]);
            }
        }
        return (["项目（单位）", "一级指标", "二级指标", "三级指标", "符号", "指标值", "计量单位", "权重"], rows, rows.Count == 0);
    }
}
