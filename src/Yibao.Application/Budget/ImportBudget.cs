using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>导入部门预算：a budget file in the documented format (docs/formats/budget.md) becomes a stored budget in 编制中.</summary>
public sealed record ImportBudget(string Json, string? FileName = null);

public sealed class ImportBudgetValidator : AbstractValidator<ImportBudget>
{
    /// <summary>Largest accepted document (characters).</summary>
    public const int MaxLength = 5_000_000;

    public ImportBudgetValidator()
    {
        RuleFor(x => x.Json)
            .NotEmpty().WithMessage("预算文件：不能为空")
            .MaximumLength(MaxLength).WithMessage("预算文件：不能超过 5,000,000 个字符");
    }
}

/// <summary>Reading a budget document: the model, or every problem as “字段：规则”.</summary>
public static class BudgetDocument
{
    public static (DepartmentBudget? Model, IReadOnlyList<AppError> Errors) Read(string json, string? fileName)
    {
        try
        {
            return (BudgetJson.Parse(json), []);
        }
        catch (BudgetFormatException ex)
        {
            var prefix = string.IsNullOrWhiteSpace(fileName) ? "预算文件" : $"预算文件“{fileName}”";
            return (null, ex.Errors.Select(e => new AppError("format", $"{prefix}格式不正确 — {e}", "json")).ToList());
        }
    }

    /// <summary>The header columns from the document.</summary>
    public static void CopyHeader(DepartmentBudget model, StoredBudget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        target.UnitCode = model.Unit.Code.Trim();
        target.UnitName = model.Unit.Name.Trim();
        target.Year = model.Year;
        target.Phase = model.Phase;
        target.Version = model.Version;
        target.Profile = model.Profile;
    }

    public static Task<bool> ExistsAsync(IAppDbContext db, DepartmentBudget m, long exceptId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(m);
        var code = m.Unit.Code.Trim();
        return db.Budgets.AnyAsync(b => b.Id != exceptId && b.UnitCode == code && b.Year == m.Year && b.Phase == m.Phase && b.Version == m.Version, ct);
    }

    public static AppError Duplicate(DepartmentBudget m) =>
        new("duplicate", $"版本：{m.Unit.Name}{m.Year}年{m.Phase.Chinese()}第 {m.Version} 版已存在；请在文件中提高 version 或替换已有版本", "version");
}

public sealed class ImportBudgetHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly ImportBudgetValidator Validator = new();

    public async Task<AppResult<StoredBudget>> HandleAsync(ImportBudget command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<StoredBudget>.Fail(validation.ToAppErrors());
        }
        var (model, errors) = BudgetDocument.Read(command.Json, command.FileName);
        if (model is null)
        {
            return AppResult<StoredBudget>.Fail(errors);
        }
        if (await BudgetDocument.ExistsAsync(db, model, 0, ct))
        {
            return AppResult<StoredBudget>.Fail(BudgetDocument.Duplicate(model));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = new StoredBudget
        {
            UnitCode = "",
            UnitName = "",
            Json = command.Json,
            Status = BudgetStatus.Drafting,
            CreatedAtUtc = now,
            CreatedBy = user.UserName,
            UpdatedAtUtc = now,
            UpdatedBy = user.UserName,
        };
        BudgetDocument.CopyHeader(model, stored);
        db.Budgets.Add(stored);
        await db.SaveChangesAsync(ct);
        return AppResult<StoredBudget>.Ok(stored);
    }
}
