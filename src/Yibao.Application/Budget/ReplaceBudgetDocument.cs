using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>替换预算文件：only while the budget is 编制中.</summary>
public sealed record ReplaceBudgetDocument(long Id, string Json, string? FileName = null);

public sealed class ReplaceBudgetDocumentValidator : AbstractValidator<ReplaceBudgetDocument>
{
    public ReplaceBudgetDocumentValidator()
    {
        RuleFor(x => x.Json)
            .NotEmpty().WithMessage("预算文件：不能为空")
            .MaximumLength(ImportBudgetValidator.MaxLength).WithMessage("预算文件：不能超过 5,000,000 个字符");
    }
}

public sealed class ReplaceBudgetDocumentHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly ReplaceBudgetDocumentValidator Validator = new();

    public async Task<AppResult<StoredBudget>> HandleAsync(ReplaceBudgetDocument command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<StoredBudget>.Fail(validation.ToAppErrors());
        }
        var stored = await db.Budgets.FirstOrDefaultAsync(b => b.Id == command.Id, ct);
        if (stored is null)
        {
            return AppResult<StoredBudget>.Fail(new AppError("not-found", "预算：不存在", "id"));
        }
        if (stored.Status != BudgetStatus.Drafting)
        {
            return AppResult<StoredBudget>.Fail(new AppError("bad-status", $"状态：预算为“{stored.Status.Chinese()}”，只有“编制中”的预算可以替换文件（已报送的可先退回编制）", "status"));
        }
        var (model, errors) = BudgetDocument.Read(command.Json, command.FileName);
        if (model is null)
        {
            return AppResult<StoredBudget>.Fail(errors);
        }
        if (await BudgetDocument.ExistsAsync(db, model, stored.Id, ct))
        {
            return AppResult<StoredBudget>.Fail(BudgetDocument.Duplicate(model));
        }
        BudgetDocument.CopyHeader(model, stored);
        stored.Json = command.Json;
        stored.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        stored.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<StoredBudget>.Ok(stored);
    }
}
