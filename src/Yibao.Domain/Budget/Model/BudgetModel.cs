namespace Yibao.Domain.Budget.Model;

/// <summary>单位性质。</summary>
public enum UnitNature
{
    /// <summary>行政</summary>
    Administrative,
    /// <summary>参照公务员法管理</summary>
    CivilServantManaged,
    /// <summary>公益一类</summary>
    PublicWelfareOne,
    /// <summary>公益二类</summary>
    PublicWelfareTwo,
}

/// <summary>预算 / 决算。</summary>
public enum BudgetPhase
{
    Budget,
    FinalAccounts,
}

/// <summary>编制中 → 已报送 → 已批复 → 已公开。</summary>
public enum BudgetStatus
{
    Drafting,
    Submitted,
    Approved,
    Published,
}

/// <summary>资金来源。</summary>
public enum FundingSource
{
    GeneralPublic,
    GovernmentFund,
    StateCapital,
    SpecialAccount,
    OperatingIncome,
    HigherSubsidy,
    SubordinateRemit,
    Other,
    CarryOver,
}

/// <summary>基本支出 / 项目支出。</summary>
public enum ExpenseType
{
    Basic,
    Project,
}

/// <summary>基本支出中的人员经费 / 公用经费。</summary>
public enum BasicKind
{
    Personnel,
    Public,
}

/// <summary>政府采购品目：货物 / 工程 / 服务。</summary>
public enum ProcurementCategory
{
    Goods,
    Works,
    Services,
}

/// <summary>编制、实有、退休人数。</summary>
public sealed record Staffing(int Authorized, int Actual, int Retired);

/// <summary>预算单位：部门预算汇总其下属单位的单位预算。</summary>
public sealed record BudgetUnit(
    string Code,
    string Name,
    UnitNature Nature,
    string? Rank,
    string? FundingForm,
    Staffing Staffing,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> Responsibilities,
    IReadOnlyList<BudgetUnit> Subordinates)
{
    /// <summary>This unit and every subordinate, depth first.</summary>
    public IEnumerable<BudgetUnit> SelfAndSubordinates()
    {
        yield return this;
        foreach (var s in Subordinates)
        {
            foreach (var x in s.SelfAndSubordinates())
            {
                yield return x;
            }
        }
    }

    /// <summary>行政单位或参公事业单位（机关运行经费适用）。</summary>
    public bool HasAdministrativeNature => SelfAndSubordinates().Any(u => u.Nature is UnitNature.Administrative or UnitNature.CivilServantManaged);
}

/// <summary>
/// 一条预算明细（元）：功能分类到项、部门经济分类到款、政府经济分类到款、资金来源、基本/项目、人员/公用、项目编号。
/// </summary>
public sealed record BudgetLine(
    string UnitCode,
    string FunctionCode,
    string DeptEconomicCode,
    string GovEconomicCode,
    FundingSource Source,
    ExpenseType Type,
    BasicKind? Kind,
    string? ProjectId,
    decimal Amount);

/// <summary>收入（按来源，元）。</summary>
public sealed record RevenueLine(FundingSource Source, decimal Amount);

/// <summary>绩效指标（三级指标，带一级、二级）。Operator 为 ≥ ≤ = &gt; &lt; 或空（定性指标）。</summary>
public sealed record Indicator(
    string Level1,
    string Level2,
    string Name,
    string? Description,
    string Operator,
    string Value,
    string? Unit,
    string? Basis,
    decimal? Weight);

/// <summary>绩效目标：目标描述与指标。</summary>
public sealed record PerformanceTarget(string Goal, IReadOnlyList<Indicator> Indicators);

/// <summary>项目（金额为其预算明细之和）。</summary>
public sealed record BudgetProject(string Id, string Name, string? Description, PerformanceTarget? Target);

/// <summary>“三公”经费及会议费、培训费（元）。</summary>
public sealed record SanGongCosts(decimal Abroad, decimal VehiclePurchase, decimal VehicleOperation, decimal Reception, decimal Meeting, decimal Training)
{
    public static SanGongCosts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public decimal Vehicle => VehiclePurchase + VehicleOperation;

    public decimal Total => Abroad + Vehicle + Reception;
}

/// <summary>机关运行经费的一项（元）。</summary>
public sealed record RunningCostItem(string Item, decimal Amount);

/// <summary>政府采购（元）。</summary>
public sealed record ProcurementItem(string Name, ProcurementCategory Category, decimal Amount, decimal SmeReserved, string? ProjectId, string? Quantity);

/// <summary>资产占用（类别、数量、价值元）。</summary>
public sealed record AssetHolding(string Category, decimal? Quantity, string? QuantityUnit, decimal Value);

/// <summary>拟购置资产。</summary>
public sealed record AssetPurchase(string Name, decimal Quantity, string QuantityUnit, decimal Amount);

/// <summary>国有资产：截止日、占用情况、拟购置。</summary>
public sealed record AssetInfo(DateOnly? AsOf, IReadOnlyList<AssetHolding> Holdings, IReadOnlyList<AssetPurchase> Planned)
{
    public static AssetInfo Empty { get; } = new(null, [], []);

    public decimal Total => Holdings.Sum(h => h.Value);

    public decimal PlannedTotal => Planned.Sum(p => p.Amount);
}

/// <summary>名词解释。</summary>
public sealed record GlossaryEntry(string Term, string Definition);

/// <summary>
/// 上年数：由上年预算算出（<see cref="BudgetFigures.Compute"/>）或手工录入，键与 <see cref="BudgetFigures"/> 相同（元）。
/// </summary>
public sealed record PriorYearFigures(int Year, IReadOnlyDictionary<string, decimal> Figures)
{
    public decimal? this[string key] => Figures.TryGetValue(key, out var v) ? v : null;

    /// <summary>来源：取自上年预算时为“已链接：…”说明（单位、年度、类型、版本、编号）；为空表示手工录入。</summary>
    public string? Source { get; init; }

    /// <summary>取自已存储的上年预算（链接），而非手工录入。</summary>
    public bool IsLinked => !string.IsNullOrWhiteSpace(Source);
}

/// <summary>
/// 部门（单位）预算或决算：一切公开表格都是这些明细的投影。
/// <see cref="Stated"/> 保存外来文档中“写出来的数字”（例如从已公开文本录入的样例），校验时与明细比对，生成时不使用。
/// </summary>
public sealed record DepartmentBudget(
    BudgetUnit Unit,
    int Year,
    BudgetPhase Phase,
    int Version,
    BudgetStatus Status,
    DateOnly? ApprovedOn,
    DateOnly? PublishedOn,
    string? PublishedAt,
    string? Profile,
    IReadOnlyList<RevenueLine> Revenue,
    IReadOnlyList<BudgetLine> Lines,
    IReadOnlyList<BudgetProject> Projects,
    PerformanceTarget? UnitTarget,
    SanGongCosts SanGong,
    IReadOnlyList<RunningCostItem> RunningCost,
    IReadOnlyList<ProcurementItem> Procurement,
    AssetInfo Assets,
    PriorYearFigures? Prior,
    IReadOnlyDictionary<string, string> Reasons,
    IReadOnlyDictionary<string, decimal> Stated,
    IReadOnlyList<GlossaryEntry> Glossary,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, string> Names)
{
    /// <summary>依法公开期限：批复后 20 日内。</summary>
    public const int PublishWithinDays = 20;

    public DateOnly? PublishDeadline => ApprovedOn?.AddDays(PublishWithinDays);

    public decimal RunningCostTotal => RunningCost.Sum(r => r.Amount);
}

/// <summary>Chinese names of the enums (screens, documents, the sample format).</summary>
public static class BudgetNames
{
    public static string Chinese(this UnitNature n) => n switch
    {
        UnitNature.Administrative => "行政",
        UnitNature.CivilServantManaged => "参照公务员法管理",
        UnitNature.PublicWelfareOne => "公益一类",
        UnitNature.PublicWelfareTwo => "公益二类",
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };

    public static string Chinese(this BudgetPhase p) => p switch
    {
        BudgetPhase.Budget => "预算",
        BudgetPhase.FinalAccounts => "决算",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    public static string Chinese(this BudgetStatus s) => s switch
    {
        BudgetStatus.Drafting => "编制中",
        BudgetStatus.Submitted => "已报送",
        BudgetStatus.Approved => "已批复",
        BudgetStatus.Published => "已公开",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string Chinese(this FundingSource s) => s switch
    {
        FundingSource.GeneralPublic => "一般公共预算拨款",
        FundingSource.GovernmentFund => "政府性基金拨款",
        FundingSource.StateCapital => "国有资本经营预算拨款",
        FundingSource.SpecialAccount => "财政专户管理资金",
        FundingSource.OperatingIncome => "事业收入",
        FundingSource.HigherSubsidy => "上级补助收入",
        FundingSource.SubordinateRemit => "附属单位上缴收入",
        FundingSource.Other => "其他收入",
        FundingSource.CarryOver => "上年结转",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string Chinese(this ExpenseType t) => t switch
    {
        ExpenseType.Basic => "基本支出",
        ExpenseType.Project => "项目支出",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static string Chinese(this BasicKind k) => k switch
    {
        BasicKind.Personnel => "人员经费",
        BasicKind.Public => "公用经费",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    public static string Chinese(this ProcurementCategory c) => c switch
    {
        ProcurementCategory.Goods => "货物",
        ProcurementCategory.Works => "工程",
        ProcurementCategory.Services => "服务",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>Parses a Chinese name (or the English enum name) of <typeparamref name="T"/>; null when unknown.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(NameOf(v), t, StringComparison.Ordinal) || string.Equals(v.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }
        // short forms used in the sample format
        return (typeof(T), t) switch
        {
            var (x, s) when x == typeof(ExpenseType) && s == "基本" => (T)(object)ExpenseType.Basic,
            var (x, s) when x == typeof(ExpenseType) && s == "项目" => (T)(object)ExpenseType.Project,
            var (x, s) when x == typeof(BasicKind) && s == "人员" => (T)(object)BasicKind.Personnel,
            var (x, s) when x == typeof(BasicKind) && s == "公用" => (T)(object)BasicKind.Public,
            var (x, s) when x == typeof(FundingSource) && s == "政府性基金预算拨款" => (T)(object)FundingSource.GovernmentFund,
            var (x, s) when x == typeof(FundingSource) && s == "上级补助" => (T)(object)FundingSource.HigherSubsidy,
            var (x, s) when x == typeof(FundingSource) && s == "附属单位上缴" => (T)(object)FundingSource.SubordinateRemit,
            var (x, s) when x == typeof(FundingSource) && s == "国有资本经营预算" => (T)(object)FundingSource.StateCapital,
            _ => null,
        };
    }

    public static string NameOf<T>(T value) where T : struct, Enum => value switch
    {
        UnitNature n => n.Chinese(),
        BudgetPhase p => p.Chinese(),
        BudgetStatus s => s.Chinese(),
        FundingSource f => f.Chinese(),
        ExpenseType e => e.Chinese(),
        BasicKind k => k.Chinese(),
        ProcurementCategory c => c.Chinese(),
        _ => value.ToString(),
    };

    public static string Choices<T>() where T : struct, Enum => string.Join("、", Enum.GetValues<T>().Select(NameOf));
}
