using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Budget;
using Yibao.Domain.Performance;

namespace Yibao.Application.Performance;

/// <summary>自评表的一行：目标、绑定、实际值及来源、是否达成、得分、偏差原因。</summary>
public sealed record EvaluationRow
{
    public required string Path { get; init; }
    public required string Owner { get; init; }
    public required string Level1 { get; init; }
    public required string Level2 { get; init; }
    public required string Name { get; init; }
    public required string Operator { get; init; }
    public required string TargetValue { get; init; }
    public string? Unit { get; init; }
    /// <summary>权重（文件中写的；未写时为空）。</summary>
    public decimal? Weight { get; init; }
    /// <summary>计分用权重（<see cref="PerformanceScoring.EffectiveWeights"/>）。</summary>
    public decimal EffectiveWeight { get; init; }
    public bool Qualitative { get; init; }
    public BindingKind? Binding { get; init; }
    public string? MetricId { get; init; }
    public string? MetricName { get; init; }
    public string? Evidence { get; init; }
    public string? AttachmentName { get; init; }
    /// <summary>绑定后预算文件中的指标名称已变化（请核对绑定）。</summary>
    public bool BindingStale { get; init; }
    /// <summary>手工实际值（数字，或定性指标的文字说明）。</summary>
    public string? ManualActual { get; init; }
    /// <summary>定性指标：经办人判断是否达成。</summary>
    public bool? QualitativeMet { get; init; }
    /// <summary>计分用的实际值（已换算为指标单位）。</summary>
    public decimal? Actual { get; init; }
    /// <summary>运行指标 / 手工 / 空。</summary>
    public string ActualSource { get; init; } = "";
    public string? ActualNote { get; init; }
    public bool HasActual { get; init; }
    public bool Met { get; init; }
    public decimal Score { get; init; }
    public string? Reason { get; init; }
}

/// <summary>一个指标的自评输入（草稿保存、提交）。</summary>
public sealed record EvaluationInput(string Path, string? ManualActual, bool? QualitativeMet, string? Reason);

public sealed record SelfEvaluationView(
    StoredBudget Budget,
    EvaluationStatus Status,
    bool Stored,
    DateOnly AsOf,
    IReadOnlyList<EvaluationRow> Rows,
    decimal TotalScore,
    EvaluationGrade Grade,
    MetricSnapshot? Metrics,
    PerformanceEvaluation? Evaluation)
{
    public bool Submitted => Status == EvaluationStatus.Submitted;
    public decimal WeightSum => Rows.Sum(r => r.EffectiveWeight);
    public bool SomeWeightsMissing => Rows.Any(r => r.Weight is null) && Rows.Any(r => r.Weight is not null);
}

/// <summary>打开一份预算的绩效自评：已提交的按冻结结果显示；草稿（或尚未保存）用运行指标的当前值和已保存的手工输入重新计分。</summary>
public sealed record GetSelfEvaluation(long BudgetId, DateOnly? AsOf = null);

public sealed class GetSelfEvaluationHandler(IAppDbContext db, GetPerformanceMetricsHandler metrics, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SelfEvaluationView?> HandleAsync(GetSelfEvaluation query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var budget = await db.Budgets.AsNoTracking().FirstOrDefaultAsync(b => b.Id == query.BudgetId, ct);
        if (budget is null)
        {
            return null;
        }
        var stored = await db.PerformanceEvaluations.AsNoTracking().FirstOrDefaultAsync(e => e.BudgetId == budget.Id, ct);
        if (stored is { Status: EvaluationStatus.Submitted })
        {
            var rows = JsonSerializer.Deserialize<List<EvaluationRow>>(stored.LinesJson, Json) ?? [];
            return new SelfEvaluationView(budget, stored.Status, true, stored.AsOf, rows, stored.TotalScore, PerformanceScoring.Grade(stored.TotalScore), null, stored);
        }
        var inputs = stored is null ? [] : (JsonSerializer.Deserialize<List<EvaluationRow>>(stored.LinesJson, Json) ?? [])
            .Select(r => new EvaluationInput(r.Path, r.ManualActual, r.QualitativeMet, r.Reason)).ToList();
        var asOf = query.AsOf ?? stored?.AsOf ?? DefaultAsOf(budget.Year, clock.TodayInChina());
        return await ComputeAsync(db, metrics, budget, asOf, inputs, stored, ct);
    }

    /// <summary>缺省截止日：今天，但不晚于预算年度的 12 月 31 日。</summary>
    public static DateOnly DefaultAsOf(int year, DateOnly today)
    {
        var end = new DateOnly(year, 12, 31);
        return today > end ? end : today;
    }

    internal static async Task<SelfEvaluationView> ComputeAsync(IAppDbContext db, GetPerformanceMetricsHandler metrics, StoredBudget budget, DateOnly asOf,
        IReadOnlyList<EvaluationInput> inputs, PerformanceEvaluation? stored, CancellationToken ct)
    {
        var indicators = BudgetIndicators.Enumerate(budget.ToModel());
        var bindings = await db.PerformanceBindings.AsNoTracking().Where(b => b.BudgetId == budget.Id).ToListAsync(ct);
        var snapshot = await metrics.HandleAsync(new GetPerformanceMetrics(budget.Year, asOf), ct);
        var weights = PerformanceScoring.EffectiveWeights(indicators.Select(i => i.Indicator.Weight).ToList());
        var rows = new List<EvaluationRow>();
        for (var k = 0; k < indicators.Count; k++)
        {
            var li = indicators[k];
            var ind = li.Indicator;
            var binding = bindings.FirstOrDefault(b => string.Equals(b.IndicatorPath, li.Path, StringComparison.Ordinal));
            var input = inputs.FirstOrDefault(i => string.Equals(i.Path, li.Path, StringComparison.Ordinal));
            var target = IndicatorTarget.Parse(ind.Operator, ind.Value);
            var qualitative = target.Operator == TargetOperator.Qualitative;
            MetricDefinition? metric = binding is { Kind: BindingKind.Metric } ? MetricCatalog.Find(binding.MetricId) : null;
            decimal? actual = null;
            string source = "";
            string? note = null;
            var manual = string.IsNullOrWhiteSpace(input?.ManualActual) ? null : input.ManualActual.Trim();
            if (metric is not null && !qualitative)
            {
                var mv = snapshot[metric.Id];
                if (mv?.Value is decimal v)
                {
                    actual = MetricMath.Convert(v, metric.Unit, ind.Unit);
                    source = "运行指标";
                    note = $"{metric.Name} {v.ToString("#,0.##", CultureInfo.InvariantCulture)} {metric.Unit}（截至 {snapshot.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）";
                }
                else
                {
                    note = mv?.Note ?? "运行指标无值";
                }
            }
            else if (!qualitative && manual is not null)
            {
                actual = IndicatorTarget.ParseNumber(manual);
                source = "手工";
            }
            else if (qualitative && (manual is not null || input?.QualitativeMet is not null))
            {
                source = "手工";
            }
            var score = PerformanceScoring.Score(target, weights[k], actual, input?.QualitativeMet);
            rows.Add(new EvaluationRow
            {
                Path = li.Path,
                Owner = li.Owner,
                Level1 = ind.Level1,
                Level2 = ind.Level2,
                Name = ind.Name,
                Operator = ind.Operator,
                TargetValue = ind.Value,
                Unit = ind.Unit,
                Weight = ind.Weight,
                EffectiveWeight = weights[k],
                Qualitative = qualitative,
                Binding = binding?.Kind,
                MetricId = metric?.Id,
                MetricName = metric?.Name,
                Evidence = binding?.Evidence,
                AttachmentName = binding?.AttachmentName,
                BindingStale = binding is not null && !string.Equals(binding.IndicatorName, ind.Name, StringComparison.Ordinal),
                ManualActual = manual,
                QualitativeMet = input?.QualitativeMet,
                Actual = actual,
                ActualSource = source,
                ActualNote = note,
                HasActual = score.HasActual,
                Met = score.Met,
                Score = score.Score,
                Reason = string.IsNullOrWhiteSpace(input?.Reason) ? null : input.Reason.Trim(),
            });
        }
        var total = PerformanceScoring.Total(rows.Select(r => (r.EffectiveWeight, r.Score)));
        return new SelfEvaluationView(budget, EvaluationStatus.Draft, stored is not null, asOf, rows, total, PerformanceScoring.Grade(total), snapshot, stored);
    }
}

/// <summary>保存自评草稿，或提交（提交时每个未达成的指标须写偏差原因；提交后冻结，不能再改）。</summary>
public sealed record SaveSelfEvaluation(long BudgetId, DateOnly? AsOf, IReadOnlyList<EvaluationInput> Inputs, bool Submit);

public sealed class SaveSelfEvaluationHandler(IAppDbContext db, GetPerformanceMetricsHandler metrics, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<SelfEvaluationView>> HandleAsync(SaveSelfEvaluation command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var budget = await db.Budgets.AsNoTracking().FirstOrDefaultAsync(b => b.Id == command.BudgetId, ct);
        if (budget is null)
        {
            return AppResult<SelfEvaluationView>.Fail(new AppError("not-found", "预算：不存在", "BudgetId"));
        }
        var row = await db.PerformanceEvaluations.FirstOrDefaultAsync(e => e.BudgetId == budget.Id, ct);
        if (row is { Status: EvaluationStatus.Submitted })
        {
            return AppResult<SelfEvaluationView>.Fail(new AppError("submitted", "绩效自评：已提交，不能再修改", "BudgetId"));
        }
        var asOf = command.AsOf ?? row?.AsOf ?? GetSelfEvaluationHandler.DefaultAsOf(budget.Year, clock.TodayInChina());
        var errors = new List<AppError>();
        if (asOf.Year != budget.Year)
        {
            errors.Add(new AppError("asof", $"截止日期：应在预算年度 {budget.Year.ToString(CultureInfo.InvariantCulture)} 年内", "AsOf"));
        }
        var inputs = command.Inputs ?? [];
        var view = await GetSelfEvaluationHandler.ComputeAsync(db, metrics, budget, asOf, inputs, row, ct);
        if (view.Rows.Count == 0)
        {
            errors.Add(new AppError("no-indicators", "绩效目标：该预算没有绩效指标，无法自评", "BudgetId"));
        }
        foreach (var r in view.Rows)
        {
            if (!r.Qualitative && r.Binding != BindingKind.Metric && r.ManualActual is { } m && IndicatorTarget.ParseNumber(m) is null)
            {
                errors.Add(new AppError("actual", $"实际值（{r.Name}）：应为数字，实为“{m}”", r.Path));
            }
            if (r.ManualActual is { Length: > 100 })
            {
                errors.Add(new AppError("actual", $"实际值（{r.Name}）：不能超过 100 个字符", r.Path));
            }
            if (r.Reason is { Length: > 500 })
            {
                errors.Add(new AppError("reason", $"偏差原因（{r.Name}）：不能超过 500 个字符", r.Path));
            }
            if (command.Submit && !r.Met && r.Reason is null)
            {
                errors.Add(new AppError("reason", $"偏差原因（{r.Name}）：未达成的指标须填写偏差原因", r.Path));
            }
        }
        if (errors.Count > 0)
        {
            return AppResult<SelfEvaluationView>.Fail(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = new PerformanceEvaluation { BudgetId = budget.Id, LinesJson = "[]", CreatedAtUtc = now, CreatedBy = user.UserName };
            db.PerformanceEvaluations.Add(row);
        }
        row.AsOf = asOf;
        row.TotalScore = view.TotalScore;
        row.Grade = view.Grade.Chinese();
        row.LinesJson = JsonSerializer.Serialize(view.Rows, GetSelfEvaluationHandler.Json);
        row.UpdatedAtUtc = now;
        row.UpdatedBy = user.UserName;
        if (command.Submit)
        {
            row.Status = EvaluationStatus.Submitted;
            row.SubmittedAtUtc = now;
            row.SubmittedBy = user.UserName;
        }
        await db.SaveChangesAsync(ct);
        return AppResult<SelfEvaluationView>.Ok(view with { Status = row.Status, Stored = true, Evaluation = row });
    }
}
