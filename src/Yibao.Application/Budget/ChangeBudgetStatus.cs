using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>
/// 预算状态流转：编制中 → 已报送 → 已批复（须有批复日期）→ 已公开（校验无“错误”，公开日期缺省为今天，公开地址缺省为公开页面）；
/// 已报送可退回编制中。
/// </summary>
public sealed record ChangeBudgetStatus(long Id, BudgetStatus Target, DateOnly? ApprovedOn = null, DateOnly? PublishedOn = null, string? PublicAddress = null);

public sealed class ChangeBudgetStatusHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, BudgetCatalogs catalogs)
{
    /// <summary>The public page of a published budget (default 公开地址).</summary>
    public static string PublicPath(long id) => string.Create(CultureInfo.InvariantCulture, $"/public/disclosures/{id}");

    public static bool Allowed(BudgetStatus from, BudgetStatus to) => (from, to) switch
    {
        (BudgetStatus.Drafting, BudgetStatus.Submitted) => true,
        (BudgetStatus.Submitted, BudgetStatus.Drafting) => true,
        (BudgetStatus.Submitted, BudgetStatus.Approved) => true,
        (BudgetStatus.Approved, BudgetStatus.Published) => true,
        _ => false,
    };

    public async Task<AppResult<StoredBudget>> HandleAsync(ChangeBudgetStatus command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var b = await db.Budgets.FirstOrDefaultAsync(x => x.Id == command.Id, ct);
        if (b is null)
        {
            return AppResult<StoredBudget>.Fail(new AppError("not-found", "预算：不存在", "id"));
        }
        if (!Allowed(b.Status, command.Target))
        {
            return AppResult<StoredBudget>.Fail(new AppError("bad-status",
                $"状态：不能从“{b.Status.Chinese()}”改为“{command.Target.Chinese()}”（流程为 编制中 → 已报送 → 已批复 → 已公开，已报送可退回编制中）", "status"));
        }
        var today = clock.TodayInChina();
        switch (command.Target)
        {
            case BudgetStatus.Approved:
                if (command.ApprovedOn is not DateOnly approved)
                {
                    return AppResult<StoredBudget>.Fail(new AppError("required", "批复日期：改为“已批复”时必填", "approvedOn"));
                }
                if (approved > today)
                {
                    return AppResult<StoredBudget>.Fail(new AppError("range", $"批复日期：不能晚于今天（{today:yyyy-MM-dd}）", "approvedOn"));
                }
                if (approved.Year < b.Year - 1 || approved.Year > b.Year + 1)
                {
                    return AppResult<StoredBudget>.Fail(new AppError("range", $"批复日期：应在预算年度前后一年之内（{b.Year - 1}–{b.Year + 1} 年），实为 {approved:yyyy-MM-dd}", "approvedOn"));
                }
                b.ApprovedOn = approved;
                break;
            case BudgetStatus.Published:
                var on = command.PublishedOn ?? today;
                if (on > today)
                {
                    return AppResult<StoredBudget>.Fail(new AppError("range", $"公开日期：不能晚于今天（{today:yyyy-MM-dd}）", "publishedOn"));
                }
                if (b.ApprovedOn is DateOnly a && on < a)
                {
                    return AppResult<StoredBudget>.Fail(new AppError("range", $"公开日期：不能早于批复日期 {a:yyyy-MM-dd}", "publishedOn"));
                }
                var address = string.IsNullOrWhiteSpace(command.PublicAddress) ? PublicPath(b.Id) : command.PublicAddress.Trim();
                if (address.Length > 500)
                {
                    return AppResult<StoredBudget>.Fail(new AppError("length", "公开地址：不能超过 500 个字符", "publicAddress"));
                }
                var model = BudgetJson.Parse(b.Json) with { Status = BudgetStatus.Published, ApprovedOn = b.ApprovedOn, PublishedOn = on, PublishedAt = address };
                var errors = BudgetValidator.Validate(model, await catalogs.ForYearAsync(b.Year, ct)).Where(f => f.Severity == FindingSeverity.Error).ToList();
                if (errors.Count > 0)
                {
                    var first = string.Join("；", errors.Take(3).Select(f => $"{f.Rule} {f.Message}"));
                    return AppResult<StoredBudget>.Fail(new AppError("has-errors",
                        $"公开：预算校验有 {errors.Count} 个“错误”，更正后才能公开（{first}{(errors.Count > 3 ? "……" : "")}）", "status"));
                }
                b.PublishedOn = on;
                b.PublicAddress = address;
                break;
            case BudgetStatus.Drafting:
            case BudgetStatus.Submitted:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command));
        }
        b.Status = command.Target;
        b.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        b.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<StoredBudget>.Ok(b);
    }
}
