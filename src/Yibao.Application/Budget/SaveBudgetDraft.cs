using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>
/// 保存录入（财务）：the budget as edited on an entry screen (one table replaced) is written back as its document.
/// Only while 编制中; the workflow columns are never changed here.
/// </summary>
public sealed record SaveBudgetDraft(long Id, DepartmentBudget Model);

public sealed class SaveBudgetDraftHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<StoredBudget>> HandleAsync(SaveBudgetDraft command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stored = await db.Budgets.FirstOrDefaultAsync(b => b.Id == command.Id, ct);
        if (stored is null)
        {
            return AppResult<StoredBudget>.Fail(new AppError("not-found", "预算：不存在", "id"));
        }
        if (BudgetDrafts.NotEditable(stored) is AppError notEditable)
        {
            return AppResult<StoredBudget>.Fail(notEditable);
        }
        var m = command.Model;
        if (string.IsNullOrWhiteSpace(m.Unit.Code) || string.IsNullOrWhiteSpace(m.Unit.Name))
        {
            return AppResult<StoredBudget>.Fail(new AppError("unit", "单位：单位编码和单位名称必填", "unit"));
        }
        if (m.Year is < 2000 or > 2100)
        {
            return AppResult<StoredBudget>.Fail(new AppError("year", "预算年度：应在 2000–2100 之间", "year"));
        }
        if (await BudgetDocument.ExistsAsync(db, m, stored.Id, ct))
        {
            return AppResult<StoredBudget>.Fail(BudgetDocument.Duplicate(m));
        }
        var json = BudgetJsonWriter.Write(m with { Status = BudgetStatus.Drafting, ApprovedOn = null, PublishedOn = null, PublishedAt = null });
        if (json.Length > ImportBudgetValidator.MaxLength)
        {
            return AppResult<StoredBudget>.Fail(new AppError("too-large", "预算文件：不能超过 5,000,000 个字符", "json"));
        }
        BudgetDocument.CopyHeader(m, stored);
        stored.Json = json;
        stored.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        stored.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<StoredBudget>.Ok(stored);
    }
}

/// <summary>Shared checks of the entry operations.</summary>
public static class BudgetDrafts
{
    /// <summary>The error when the budget cannot be edited (only 编制中 can).</summary>
    public static AppError? NotEditable(StoredBudget stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Status == BudgetStatus.Drafting
            ? null
            : new AppError("bad-status", $"状态：预算为“{stored.Status.Chinese()}”，只有“编制中”的预算可以修改（已报送的可先退回编制）", "status");
    }
}
