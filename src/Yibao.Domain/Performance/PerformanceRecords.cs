using Yibao.Domain.Budget.Model;

namespace Yibao.Domain.Performance;

/// <summary>绑定方式：运行指标（系统计算）或手工（附佐证）。</summary>
public enum BindingKind
{
    Metric = 1,
    Manual = 2,
}

/// <summary>
/// 指标绑定 (table performance_bindings)：一份预算的一个绩效指标（按 <see cref="IndicatorPath"/> 定位）绑定到运行指标，
/// 或标为手工并写明佐证。每份预算每个指标至多一条。
/// </summary>
public class IndicatorBinding
{
    public long Id { get; set; }

    public long BudgetId { get; set; }

    /// <summary>指标路径：unit/{序号} 或 project/{项目编号}/{序号}（序号从 0 起），见 <see cref="BudgetIndicators"/>。</summary>
    public required string IndicatorPath { get; set; }

    /// <summary>绑定时的三级指标名称（预算文件替换后据此提示指标已变化）。</summary>
    public required string IndicatorName { get; set; }

    public BindingKind Kind { get; set; }

    /// <summary>运行指标编号（<see cref="MetricCatalog"/>），手工时为空。</summary>
    public string? MetricId { get; set; }

    /// <summary>佐证说明（手工时必填）。</summary>
    public string? Evidence { get; set; }

    /// <summary>佐证材料名称（附件文件名或档案号）。</summary>
    public string? AttachmentName { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>人口基数 (table population_baselines)：参保率的分母，每年一条，注明来源（统计公报、公安户籍等）。</summary>
public class PopulationBaseline
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long Population { get; set; }

    public required string Source { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>自评状态：草稿 / 已提交。</summary>
public enum EvaluationStatus
{
    Draft = 1,
    Submitted = 2,
}

/// <summary>
/// 绩效自评 (table performance_evaluations)：每份预算一份。草稿保存手工实际值、判断与偏差原因；提交时冻结每个指标的
/// 实际值、得分与等级（<see cref="LinesJson"/>），此后运行指标变化不再影响它。
/// </summary>
public class PerformanceEvaluation
{
    public long Id { get; set; }

    public long BudgetId { get; set; }

    public EvaluationStatus Status { get; set; } = EvaluationStatus.Draft;

    /// <summary>实际值截止日。</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>总分（百分制）。</summary>
    public decimal TotalScore { get; set; }

    /// <summary>等级 优/良/中/差。</summary>
    public string Grade { get; set; } = "";

    /// <summary>每个指标一行（JSON 数组）：路径、目标、实际值及来源、是否达成、得分、偏差原因。</summary>
    public required string LinesJson { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTime? SubmittedAtUtc { get; set; }

    public string? SubmittedBy { get; set; }
}

/// <summary>预算中的一个绩效指标及其路径和归属（单位整体或项目）。</summary>
public sealed record LocatedIndicator(string Path, string Owner, Indicator Indicator);

/// <summary>列出一份预算的全部绩效指标（先单位整体绩效目标，再各项目），路径稳定于文件中的顺序。</summary>
public static class BudgetIndicators
{
    public const string UnitOwner = "单位整体";

    public static IReadOnlyList<LocatedIndicator> Enumerate(DepartmentBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var list = new List<LocatedIndicator>();
        if (budget.UnitTarget is { } ut)
        {
            for (var i = 0; i < ut.Indicators.Count; i++)
            {
                list.Add(new LocatedIndicator(UnitPath(i), UnitOwner, ut.Indicators[i]));
            }
        }
        foreach (var p in budget.Projects)
        {
            if (p.Target is not { } t)
            {
                continue;
            }
            for (var i = 0; i < t.Indicators.Count; i++)
            {
                list.Add(new LocatedIndicator(ProjectPath(p.Id, i), p.Name, t.Indicators[i]));
            }
        }
        return list;
    }

    public static string UnitPath(int index) => "unit/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ProjectPath(string projectId, int index) => "project/" + projectId + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
