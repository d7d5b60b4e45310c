using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>
/// 上年数取数：link the prior-year figures to the stored budget of year N-1 of the same unit (again, e.g. after last
/// year's 决算 was approved), or unlink them so they can be entered by hand (the figures are kept as a starting point).
/// </summary>
public sealed record LinkPriorYear(long Id, bool Unlink = false);

public sealed class LinkPriorYearHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<StoredBudget>> HandleAsync(LinkPriorYear command, CancellationToken ct = default)
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
        var model = BudgetJson.Parse(stored.Json);
        if (command.Unlink)
        {
            model = model with { Prior = model.Prior is null ? null : new PriorYearFigures(model.Prior.Year, model.Prior.Figures) };
        }
        else
        {
            var source = await PriorYearLink.FindAsync(db, stored.UnitCode, stored.Year, ct);
            if (source is null)
            {
                return AppResult<StoredBudget>.Fail(new AppError("no-prior",
                    $"上年数：没有 {stored.UnitName}{stored.Year - 1} 年的预算或决算可以链接，请手工录入上年数", "prior"));
            }
            model = model with { Prior = PriorYearLink.From(source) };
        }
        stored.Json = BudgetJsonWriter.Write(model);
        stored.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        stored.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<StoredBudget>.Ok(stored);
    }
}
