namespace Yibao.Domain.Budget.Model;

/// <summary>
/// The figures of a budget by key (元), computed from its lines once. Keys are shared by prior-year figures,
/// stated figures and change reasons:
/// <c>revenue</c>, <c>expense</c>, <c>basic</c>, <c>personnel</c>, <c>public</c>, <c>project</c>,
/// <c>source:一般公共预算拨款</c> (收入按来源), <c>F:2101550</c> (功能分类，类/款/项), <c>E:301</c> / <c>E:30101</c> (部门经济分类，全部支出),
/// <c>BE:301</c> (基本支出按部门经济分类), <c>G:501</c> (政府经济分类), <c>P:项目编号</c>,
/// <c>sangong</c>, <c>sangong.abroad</c>, <c>sangong.vehicle</c>, <c>sangong.vehiclePurchase</c>, <c>sangong.vehicleOperation</c>,
/// <c>sangong.reception</c>, <c>meeting</c>, <c>training</c>, <c>running</c>, <c>procurement</c>, <c>procurement.goods|works|services</c>,
/// <c>procurement.sme</c>, <c>assets</c>, <c>assets.planned</c>.
/// </summary>
public static class BudgetFigures
{
    public static readonly string[] HeadlineKeys = ["expense", "basic", "project", "sangong", "running"];

    public static Dictionary<string, decimal> Compute(DepartmentBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var f = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(string key, decimal amount) => f[key] = f.TryGetValue(key, out var v) ? v + amount : amount;

        f["revenue"] = budget.Revenue.Sum(r => r.Amount);
        foreach (var r in budget.Revenue)
        {
            Add("source:" + r.Source.Chinese(), r.Amount);
        }
        f["expense"] = 0;
        f["basic"] = 0;
        f["personnel"] = 0;
        f["public"] = 0;
        f["project"] = 0;
        foreach (var l in budget.Lines)
        {
            Add("expense", l.Amount);
            if (l.Type == ExpenseType.Basic)
            {
                Add("basic", l.Amount);
                Add(l.Kind == BasicKind.Personnel ? "personnel" : "public", l.Amount);
                AddLevels("BE:", l.DeptEconomicCode, l.Amount, Add, economic: true);
            }
            else
            {
                Add("project", l.Amount);
                if (l.ProjectId is not null)
                {
                    Add("P:" + l.ProjectId, l.Amount);
                }
            }
            AddLevels("F:", l.FunctionCode, l.Amount, Add, economic: false);
            AddLevels("E:", l.DeptEconomicCode, l.Amount, Add, economic: true);
            AddLevels("G:", l.GovEconomicCode, l.Amount, Add, economic: true);
        }
        var s = budget.SanGong;
        f["sangong"] = s.Total;
        f["sangong.abroad"] = s.Abroad;
        f["sangong.vehicle"] = s.Vehicle;
        f["sangong.vehiclePurchase"] = s.VehiclePurchase;
        f["sangong.vehicleOperation"] = s.VehicleOperation;
        f["sangong.reception"] = s.Reception;
        f["meeting"] = s.Meeting;
        f["training"] = s.Training;
        f["running"] = budget.RunningCostTotal;
        f["procurement"] = budget.Procurement.Sum(p => p.Amount);
        f["procurement.goods"] = budget.Procurement.Where(p => p.Category == ProcurementCategory.Goods).Sum(p => p.Amount);
        f["procurement.works"] = budget.Procurement.Where(p => p.Category == ProcurementCategory.Works).Sum(p => p.Amount);
        f["procurement.services"] = budget.Procurement.Where(p => p.Category == ProcurementCategory.Services).Sum(p => p.Amount);
        f["procurement.sme"] = budget.Procurement.Sum(p => p.SmeReserved);
        f["assets"] = budget.Assets.Total;
        f["assets.planned"] = budget.Assets.PlannedTotal;
        return f;
    }

    /// <summary>Prior-year figures computed from last year's budget (the linked case).</summary>
    public static PriorYearFigures PriorFrom(DepartmentBudget lastYear) => new(lastYear.Year, Compute(lastYear));

    private static void AddLevels(string prefix, string code, decimal amount, Action<string, decimal> add, bool economic)
    {
        if (string.IsNullOrEmpty(code))
        {
            return;
        }
        add(prefix + code[..Math.Min(3, code.Length)], amount);
        if (code.Length >= 5)
        {
            add(prefix + code[..5], amount);
        }
        if (!economic && code.Length >= 7)
        {
            add(prefix + code[..7], amount);
        }
    }

    /// <summary>Chinese label of a key (for findings and narrative).</summary>
    public static string Label(string key, Func<string, string?>? nameOf = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var prefix = key[..colon];
            var code = key[(colon + 1)..];
            var name = nameOf?.Invoke(key) ?? code;
            return prefix switch
            {
                "P" => $"项目“{name}”",
                "source" => code,
                "change" or "pct" or "prior" => Label(code, nameOf) + prefix switch { "change" => "增减额", "pct" => "增减率", _ => "上年数" },
                "BE" => $"基本支出·{name}（{code}）",
                _ => $"{name}（{code}）",
            };
        }
        return key switch
        {
            "revenue" => "收入合计",
            "expense" => "支出合计",
            "basic" => "基本支出",
            "personnel" => "人员经费",
            "public" => "公用经费",
            "project" => "项目支出",
            "sangong" => "“三公”经费",
            "sangong.abroad" => "因公出国（境）费",
            "sangong.vehicle" => "公务用车购置及运行维护费",
            "sangong.vehiclePurchase" => "公务用车购置费",
            "sangong.vehicleOperation" => "公务用车运行维护费",
            "sangong.reception" => "公务接待费",
            "meeting" => "会议费",
            "training" => "培训费",
            "running" => "机关运行经费",
            "procurement" => "政府采购预算",
            "procurement.goods" => "政府采购货物预算",
            "procurement.works" => "政府采购工程预算",
            "procurement.services" => "政府采购服务预算",
            "procurement.sme" => "预留中小企业份额",
            "assets" => "固定资产总额",
            "assets.planned" => "拟购置资产",
            _ => key,
        };
    }
}
