using System.Globalization;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>严重程度：错误 / 警告 / 提示。</summary>
public enum FindingSeverity
{
    Error,
    Warning,
    Info,
}

public static class FindingSeverityNames
{
    public static string Chinese(this FindingSeverity s) => s switch
    {
        FindingSeverity.Error => "错误",
        FindingSeverity.Warning => "警告",
        FindingSeverity.Info => "提示",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string Code(this FindingSeverity s) => s switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        FindingSeverity.Info => "info",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}

/// <summary>One finding: which rule, how severe, a Chinese message and the evidence.</summary>
public sealed record Finding(
    string Rule,
    FindingSeverity Severity,
    string Message,
    string? Expected,
    string? Actual,
    string? Difference,
    string Location);

/// <summary>A rule of the catalog: id, Chinese title, default severity and its tolerance, as documented in docs/formats/disclosure-check.md.</summary>
public sealed record RuleDefinition(string Id, string Title, FindingSeverity Severity, string Tolerance);

/// <summary>
/// 规则目录：公开检查（从文档中提取的数字）与预算编制（结构化数据）共用同一组规则与判定。
/// 数值判定都经过 <see cref="BudgetArithmetic"/>，所以同一组数在两处得到同样的结论。
/// </summary>
public static class RuleCatalog
{
    public static readonly RuleDefinition TableSum = new("TBL-SUM", "表内合计等于明细之和（按科目层级或合计行）", FindingSeverity.Error, "差额 ≤ max(0.01, 0.005×(明细数+1)) 个表内单位为提示");
    public static readonly RuleDefinition TableOutline = new("TBL-OUTLINE", "无科目编码的层级表（一、/（一）/1./(1)/①）：上级行等于直接下级之和，合计行等于顶级之和", FindingSeverity.Error, "差额 ≤ max(0.01, 0.005×(下级数+1)) 个表内单位为提示");
    public static readonly RuleDefinition TableRow = new("TBL-ROW", "行合计等于各列之和", FindingSeverity.Error, "同上");
    public static readonly RuleDefinition TableBalance = new("TBL-BALANCE", "收入总计等于支出总计", FindingSeverity.Error, "差额 ≤ 0.01 个表内单位为提示");
    public static readonly RuleDefinition TableCross = new("TBL-CROSS", "同口径的功能分类表与经济分类表合计一致", FindingSeverity.Error, "差额 ≤ 0.01 个表内单位为提示");
    public static readonly RuleDefinition SumBasic = new("SUM-BASIC", "基本支出 = 人员经费 + 公用经费", FindingSeverity.Error, "差额 ≤ 0.01 万元为提示");
    public static readonly RuleDefinition SumExpense = new("SUM-EXPENSE", "支出 = 基本支出 + 项目支出", FindingSeverity.Error, "差额 ≤ 0.01 万元为提示");
    public static readonly RuleDefinition SumSanGong = new("SUM-SANGONG", "“三公”经费 = 各组成部分之和", FindingSeverity.Error, "差额 ≤ 0.01 万元为提示");
    public static readonly RuleDefinition SumProcurement = new("SUM-PROCUREMENT", "政府采购 = 货物 + 工程 + 服务", FindingSeverity.Error, "差额 ≤ 0.01 万元为提示");
    public static readonly RuleDefinition SumParts = new("SUM-PARTS", "叙述中“其中/包括”所列分项之和等于总数", FindingSeverity.Error, "差额 ≤ max(0.01, 0.005×(分项数+1)) 万元为提示；“主要包括/主要用于”分项之和小于总数不报");
    public static readonly RuleDefinition TextDifference = new("TXT-DIFF", "增减额 = 本年数 − 上年数，增减方向一致", FindingSeverity.Error, "差额 ≤ 0.01 万元为提示");
    public static readonly RuleDefinition TextPercent = new("TXT-PCT", "增减率（百分比）由所述数字重算一致", FindingSeverity.Error, "按所述精度四舍五入后比较；文中百分比落在由各输入数字印刷精度（半个末位单位）推出的精确值区间内，或与重算值相差 ≤ 0.01 个百分点，为提示");
    public static readonly RuleDefinition TextTable = new("TXT-TABLE", "叙述中带科目编码的金额与表格一致", FindingSeverity.Error, "换算为万元后差额 ≤ 0.005 视为一致，≤ 0.01 为提示");
    public static readonly RuleDefinition TextPurpose = new("TXT-PURPOSE", "科目的用途说明与科目相符（行政运行不写项目、救助；对基金的补助不写人员、办公……）", FindingSeverity.Warning, "只在用途中出现不属于该科目的类别用语时报");
    public static readonly RuleDefinition TextYear = new("TXT-YEAR", "句中年度为预算年度或明确的以前年度", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition RequiredTables = new("CMP-TABLES", "公开必备表格齐全（全国统一 8 张表 / 决算 9 张表）", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition RequiredSections = new("CMP-SECTIONS", "公开必备说明齐全（三公、机关运行经费、政府采购、国有资产、绩效目标、名词解释）", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition EmptyTable = new("CMP-EMPTY", "空表须说明原因", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition Placeholder = new("CMP-PLACEHOLDER", "应填数字处不得留空或使用占位符（XX、××、增长/下降）", FindingSeverity.Error, "—");
    public static readonly RuleDefinition ClassCode = new("CLS-CODE", "科目编码在本年度科目表中存在", FindingSeverity.Error, "—");
    public static readonly RuleDefinition ClassName = new("CLS-NAME", "科目名称与编码一致", FindingSeverity.Warning, "名称为另一编码的名称为错误；简写为提示");
    public static readonly RuleDefinition ClassOutdated = new("CLS-OUTDATED", "使用了本年度已更名的科目旧名称", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition RunningCostNature = new("PLA-JGYX", "机关运行经费只适用于行政单位和参公事业单位", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition RunningCostExceeds = new("PLA-JGYX-MAX", "机关运行经费不超过公用经费（商品和服务支出）", FindingSeverity.Warning, "差额 > 0.01 万元");
    public static readonly RuleDefinition IndicatorOperator = new("PLA-OPERATOR", "绩效指标的符号与指标性质一致（满意度、达标率等不得写作 ≤ / <）", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition IndicatorRate = new("PLA-RATE", "比率类指标不超过 100%，且单位为 %", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition FinalCompletion = new("FA-RATE", "决算完成率 = 决算数 ÷ 预算数（分母为所述预算数）", FindingSeverity.Error, "落在由输入数字印刷精度推出的区间内或差 ≤ 0.01 个百分点为提示");
    public static readonly RuleDefinition FinalDirection = new("FA-DIRECTION", "“决算数大于/小于预算数”与数字一致并说明原因", FindingSeverity.Error, "无原因为警告");

    // 预算编制（结构化数据）专用规则；数值判定同样经过 BudgetArithmetic。
    public static readonly RuleDefinition BudgetLine = new("BGT-LINE", "预算明细完整：金额非负，基本支出注明人员/公用，项目支出注明已登记的项目，编码位数正确", FindingSeverity.Error, "—");
    public static readonly RuleDefinition BudgetEconomicMap = new("BGT-ECON-MAP", "部门经济分类与政府经济分类对应（301→501/505，302→502/505，303→509，310→503/504/506）", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition BudgetSource = new("BGT-SOURCE", "各资金来源的支出等于该来源的收入", FindingSeverity.Error, "差额 ≤ 0.01 元为提示");
    public static readonly RuleDefinition BudgetReason = new("BGT-REASON", "每一项与上年相比有增减的数字都填写了原因（数字由系统计算，原因由经办人填写）", FindingSeverity.Error, "—");
    public static readonly RuleDefinition BudgetIndicator = new("BGT-INDICATOR", "绩效指标树完整：一级/二级指标取值合法，符号为 ≥ ≤ = > < 或空（定性），权重合计 100", FindingSeverity.Error, "权重差额 ≤ 0.01 为提示");
    public static readonly RuleDefinition BudgetSanGongLines = new("BGT-SANGONG-LINES", "“三公”经费及会议费、培训费与明细中对应经济科目（30212/30217/30231/31013/30215/30216）一致", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition BudgetSme = new("BGT-SME", "预留中小企业份额不超过采购金额", FindingSeverity.Error, "—");
    public static readonly RuleDefinition BudgetProcurementAssets = new("BGT-PROC-ASSET", "拟购置资产应列入政府采购预算", FindingSeverity.Warning, "—");
    public static readonly RuleDefinition BudgetWorkflow = new("BGT-WORKFLOW", "状态与日期一致：已批复须有批复日期，已公开须有公开日期和地址，批复后 20 日内公开", FindingSeverity.Error, "超过 20 日为警告");

    public static IReadOnlyList<RuleDefinition> All { get; } =
    [
        TableSum, TableOutline, TableRow, TableBalance, TableCross, SumBasic, SumExpense, SumSanGong, SumProcurement, SumParts,
        TextDifference, TextPercent, TextTable, TextPurpose, TextYear, RequiredTables, RequiredSections, EmptyTable, Placeholder,
        ClassCode, ClassName, ClassOutdated, RunningCostNature, RunningCostExceeds, IndicatorOperator, IndicatorRate,
        FinalCompletion, FinalDirection,
        BudgetLine, BudgetEconomicMap, BudgetSource, BudgetReason, BudgetIndicator, BudgetSanGongLines, BudgetSme, BudgetProcurementAssets, BudgetWorkflow,
    ];
}

/// <summary>
/// Arithmetic verdicts shared by the disclosure checker and budget entry: a sum, a difference, a percentage.
/// All amounts are decimals in one unit (the caller converts). Tolerances are explicit.
/// </summary>
public static class BudgetArithmetic
{
    /// <summary>Rounding tolerance for a total of <paramref name="parts"/> parts, each rounded to 0.01: max(0.01, 0.005 × (parts + 1)).</summary>
    public static decimal SumTolerance(int parts) => Math.Max(0.01m, 0.005m * (parts + 1));

    public static string Format(decimal value, string unit) =>
        value.ToString("0.00##", CultureInfo.InvariantCulture) + unit;

    /// <summary>
    /// Compares a stated total with the sum of its parts. Returns null when they agree exactly,
    /// a 提示 when the difference is within rounding tolerance, otherwise a finding of the rule's severity.
    /// With <paramref name="exhaustive"/> false (主要包括…), parts below the total are accepted.
    /// </summary>
    public static Finding? CheckSum(RuleDefinition rule, string totalLabel, decimal total, IReadOnlyList<(string Label, decimal Value)> parts, string unit, string location, bool exhaustive = true)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(parts);
        var sum = parts.Sum(p => p.Value);
        var diff = total - sum;
        if (diff == 0 || (!exhaustive && diff > 0))
        {
            return null;
        }
        var tol = SumTolerance(parts.Count);
        var severity = Math.Abs(diff) <= tol ? FindingSeverity.Info : rule.Severity;
        var partsText = string.Join(" + ", parts.Select(p => $"{Short(p.Label)} {Format(p.Value, unit)}"));
        var message = severity == FindingSeverity.Info
            ? $"{Short(totalLabel)} {Format(total, unit)} 与分项之和 {Format(sum, unit)} 相差 {Format(diff, unit)}，在四舍五入容差（{Format(tol, unit)}）以内"
            : $"{Short(totalLabel)} {Format(total, unit)} ≠ {partsText} = {Format(sum, unit)}，相差 {Format(diff, unit)}";
        return new Finding(rule.Id, severity, message, Format(sum, unit), Format(total, unit), Format(diff, unit), location);
    }

    /// <summary>Checks a stated change against current − prior (sign included).</summary>
    public static Finding? CheckDifference(RuleDefinition rule, string label, decimal current, decimal prior, decimal statedSignedChange, string unit, string location)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var expected = current - prior;
        var diff = statedSignedChange - expected;
        if (diff == 0)
        {
            return null;
        }
        bool directionWrong = expected != 0 && statedSignedChange != 0 && Math.Sign(expected) != Math.Sign(statedSignedChange);
        var severity = !directionWrong && Math.Abs(diff) <= 0.01m ? FindingSeverity.Info : rule.Severity;
        string Dir(decimal v) => v < 0 ? "减少" : "增加";
        var message = directionWrong
            ? $"{Short(label)}：本年 {Format(current, unit)}、上年 {Format(prior, unit)}，应为{Dir(expected)} {Format(Math.Abs(expected), unit)}，文中写作{Dir(statedSignedChange)} {Format(Math.Abs(statedSignedChange), unit)}（增减方向不符）"
            : $"{Short(label)}：本年 {Format(current, unit)} − 上年 {Format(prior, unit)} = {Format(expected, unit)}，文中增减额为 {Format(statedSignedChange, unit)}，相差 {Format(diff, unit)}";
        return new Finding(rule.Id, severity, message, Format(expected, unit), Format(statedSignedChange, unit), Format(diff, unit), location);
    }

    /// <summary>
    /// Checks a stated percentage (e.g. 增长 76.13%) against numerator ÷ denominator, rounded to the stated precision.
    /// The inputs are themselves printed figures: <paramref name="numeratorHalfWidth"/> and <paramref name="denominatorHalfWidth"/>
    /// are half a unit of their printed precision (0.005 for 273.08), so the exact ratio can lie anywhere in an interval.
    /// A stated percentage that some exact value in that interval rounds to — or within 0.01 percentage points of the
    /// recomputed value — is a 提示, not an error (DESIGN §3: percentages are computed once from exact values).
    /// </summary>
    public static Finding? CheckPercent(RuleDefinition rule, string what, decimal stated, int statedDecimals, decimal numerator, decimal denominator, string formula, string location,
        decimal numeratorHalfWidth = 0m, decimal denominatorHalfWidth = 0m)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (denominator == 0)
        {
            return null;
        }
        int places = Math.Min(Math.Max(statedDecimals, 0), 4);
        var exact = numerator / denominator * 100m;
        var rounded = Math.Round(exact, places, MidpointRounding.AwayFromZero);
        if (rounded == stated)
        {
            return null;
        }
        var r2 = Math.Round(exact, 2, MidpointRounding.AwayFromZero);
        var diff = stated - r2;
        var half = 0.5m * Pow10(-places);
        var interval = PercentInterval(numerator, denominator, Math.Abs(numeratorHalfWidth), Math.Abs(denominatorHalfWidth));
        bool inInterval = interval is null || (stated + half >= interval.Value.Low && stated - half <= interval.Value.High);
        bool nearExact = Math.Abs(stated - exact) <= 0.01m + half;
        var severity = inInterval || nearExact ? FindingSeverity.Info : rule.Severity;
        string P(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture) + "%";
        var message = $"{Short(what)}：{formula} = {P(r2)}，文中为 {stated.ToString(CultureInfo.InvariantCulture)}%";
        if (severity == FindingSeverity.Info)
        {
            message += inInterval && interval is { } iv && (numeratorHalfWidth != 0 || denominatorHalfWidth != 0)
                ? $"；按所列数字的印刷精度，精确比率可在 {P(Math.Round(iv.Low, 2, MidpointRounding.AwayFromZero))}～{P(Math.Round(iv.High, 2, MidpointRounding.AwayFromZero))} 之间，文中数字在此范围内（四舍五入）"
                : "；相差在 0.01 个百分点以内（四舍五入）";
        }
        return new Finding(rule.Id, severity, message, P(r2), stated.ToString(CultureInfo.InvariantCulture) + "%", diff.ToString("0.00", CultureInfo.InvariantCulture) + "%", location);
    }

    /// <summary>
    /// The range of (n ± hn) ÷ (d ± hd) × 100 over every exact value the printed inputs may stand for;
    /// null when the denominator's range includes 0 (any ratio is possible).
    /// </summary>
    public static (decimal Low, decimal High)? PercentInterval(decimal numerator, decimal denominator, decimal numeratorHalfWidth, decimal denominatorHalfWidth)
    {
        var dLow = denominator - denominatorHalfWidth;
        var dHigh = denominator + denominatorHalfWidth;
        if (dLow <= 0 && dHigh >= 0)
        {
            return null;
        }
        decimal[] corners =
        [
            (numerator - numeratorHalfWidth) / dLow, (numerator - numeratorHalfWidth) / dHigh,
            (numerator + numeratorHalfWidth) / dLow, (numerator + numeratorHalfWidth) / dHigh,
        ];
        return (corners.Min() * 100m, corners.Max() * 100m);
    }

    /// <summary>Half a unit of the last printed decimal place: 0.005 for two decimals, 0.5 for none.</summary>
    public static decimal HalfUnit(int decimals) => 0.5m * Pow10(-Math.Max(decimals, 0));

    private static decimal Pow10(int e)
    {
        decimal r = 1;
        for (int i = 0; i < Math.Abs(e); i++)
        {
            r = e < 0 ? r / 10 : r * 10;
        }
        return r;
    }

    private static string Short(string label)
    {
        var l = label.Trim();
        return l.Length > 24 ? l[^24..] : l;
    }
}
