using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Performance;

namespace Yibao.Application.Performance;

/// <summary>绑定方式（页面与命令）：运行指标、手工、解除绑定。</summary>
public enum BindingMode
{
    Metric,
    Manual,
    None,
}

/// <summary>把预算的一个绩效指标绑定到运行指标，或标为手工（须写佐证说明），或解除绑定。</summary>
public sealed record BindIndicator(long BudgetId, string Path, BindingMode Mode, string? MetricId = null, string? Evidence = null, string? AttachmentName = null);

public sealed class BindIndicatorHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<IndicatorBinding?>> HandleAsync(BindIndicator command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var budget = await db.Budgets.AsNoTracking().FirstOrDefaultAsync(b => b.Id == command.BudgetId, ct);
        if (budget is null)
        {
            return AppResult<IndicatorBinding?>.Fail(new AppError("not-found", "预算：不存在", "BudgetId"));
        }
        var indicator = BudgetIndicators.Enumerate(budget.ToModel()).FirstOrDefault(i => string.Equals(i.Path, command.Path, StringComparison.Ordinal));
        if (indicator is null)
        {
            return AppResult<IndicatorBinding?>.Fail(new AppError("path", $"绩效指标：预算中没有路径为“{command.Path}”的指标", "Path"));
        }
        if (await db.PerformanceEvaluations.AnyAsync(e => e.BudgetId == command.BudgetId && e.Status == EvaluationStatus.Submitted, ct))
        {
            return AppResult<IndicatorBinding?>.Fail(new AppError("submitted", "绩效自评：已提交，不能再修改指标绑定", "BudgetId"));
        }
        var errors = new List<AppError>();
        var evidence = string.IsNullOrWhiteSpace(command.Evidence) ? null : command.Evidence.Trim();
        var attachment = string.IsNullOrWhiteSpace(command.AttachmentName) ? null : command.AttachmentName.Trim();
        MetricDefinition? metric = null;
        switch (command.Mode)
        {
            case BindingMode.Metric:
                metric = MetricCatalog.Find(command.MetricId);
                if (metric is null)
                {
                    var unavailable = MetricCatalog.Unavailable.FirstOrDefault(u => string.Equals(u.Id, command.MetricId, StringComparison.Ordinal));
                    errors.Add(unavailable is not null
                        ? new AppError("metric", $"运行指标：“{unavailable.Name}”暂不能由系统计算（{unavailable.Reason}）", "MetricId")
                        : new AppError("metric", string.IsNullOrWhiteSpace(command.MetricId) ? "运行指标：请选择一个运行指标" : $"运行指标：“{command.MetricId}”不在指标目录中", "MetricId"));
                }
                else if (IndicatorTarget.Parse(indicator.Indicator.Operator, indicator.Indicator.Value).Operator == TargetOperator.Qualitative)
                {
                    errors.Add(new AppError("qualitative", $"运行指标：“{indicator.Indicator.Name}”是定性指标（指标值“{indicator.Indicator.Value}”不是数字），只能手工评价", "MetricId"));
                }
                else if (!MetricMath.Compatible(metric.Unit, indicator.Indicator.Unit))
                {
                    errors.Add(new AppError("unit", $"运行指标：“{metric.Name}”的单位“{metric.Unit}”与绩效指标“{indicator.Indicator.Name}”的单位“{indicator.Indicator.Unit}”不一致", "MetricId"));
                }
                break;
            case BindingMode.Manual:
                if (evidence is null)
                {
                    errors.Add(new AppError("evidence", $"佐证说明：手工指标“{indicator.Indicator.Name}”须写明佐证（数据来源、文件或台账）", "Evidence"));
                }
                break;
            case BindingMode.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command));
        }
        if (evidence is { Length: > 500 })
        {
            errors.Add(new AppError("evidence", "佐证说明：不能超过 500 个字符", "Evidence"));
        }
        if (attachment is { Length: > 200 })
        {
            errors.Add(new AppError("attachment", "佐证材料：不能超过 200 个字符", "AttachmentName"));
        }
        if (errors.Count > 0)
        {
            return AppResult<IndicatorBinding?>.Fail(errors);
        }

        var row = await db.PerformanceBindings.FirstOrDefaultAsync(b => b.BudgetId == command.BudgetId && b.IndicatorPath == command.Path, ct);
        if (command.Mode == BindingMode.None)
        {
            if (row is not null)
            {
                db.PerformanceBindings.Remove(row);
                await db.SaveChangesAsync(ct);
            }
            return AppResult<IndicatorBinding?>.Ok(null);
        }
        if (row is null)
        {
            row = new IndicatorBinding { BudgetId = command.BudgetId, IndicatorPath = command.Path, IndicatorName = "" };
            db.PerformanceBindings.Add(row);
        }
        row.IndicatorName = indicator.Indicator.Name;
        row.Kind = command.Mode == BindingMode.Metric ? BindingKind.Metric : BindingKind.Manual;
        row.MetricId = metric?.Id;
        row.Evidence = evidence;
        row.AttachmentName = attachment;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<IndicatorBinding?>.Ok(row);
    }
}
