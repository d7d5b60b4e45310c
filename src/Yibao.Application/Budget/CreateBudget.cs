using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>
/// 新建部门预算（财务）：unit (an existing unit's code reuses its departments, responsibilities and subordinates),
/// year and phase; version is the next free one. Prior-year figures are linked from the stored budget of year N-1
/// for the same unit when one exists (<see cref="PriorYearLink"/>).
/// </summary>
public sealed record CreateBudget(
    string UnitCode,
    string UnitName,
    string Nature,
    int Year,
    string Phase,
    int Authorized = 0,
    int Actual = 0,
    int Retired = 0,
    string? Rank = null,
    string? FundingForm = null,
    string? Profile = null);

public sealed class CreateBudgetValidator : AbstractValidator<CreateBudget>
{
    public CreateBudgetValidator()
    {
        RuleFor(x => x.UnitCode).NotEmpty().WithMessage("单位编码：必填")
            .MaximumLength(60).WithMessage("单位编码：不能超过 60 个字符")
            .Matches("^[0-9A-Za-z-]*$").WithMessage("单位编码：只能包含数字、字母和连字符");
        RuleFor(x => x.UnitName).NotEmpty().WithMessage("单位名称：必填").MaximumLength(200).WithMessage("单位名称：不能超过 200 个字");
        RuleFor(x => x.Nature).Must(n => BudgetNames.Parse<UnitNature>(n) is not null)
            .WithMessage($"单位性质：应为 {BudgetNames.Choices<UnitNature>()}");
        RuleFor(x => x.Phase).Must(n => BudgetNames.Parse<BudgetPhase>(n) is not null)
            .WithMessage($"类型：应为 {BudgetNames.Choices<BudgetPhase>()}");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("预算年度：应在 2000–2100 之间");
        RuleFor(x => x.Authorized).InclusiveBetween(0, 100_000).WithMessage("编制人数：应为 0–100000 的整数");
        RuleFor(x => x.Actual).InclusiveBetween(0, 100_000).WithMessage("实有人数：应为 0–100000 的整数");
        RuleFor(x => x.Retired).InclusiveBetween(0, 100_000).WithMessage("退休人数：应为 0–100000 的整数");
        RuleFor(x => x.Profile).Must(p => p is null || p.Length == 0 || DisclosureProfiles.Find(p) is not null)
            .WithMessage("公开样式：应为 national、hebei、sichuan、ningxia 或 shaanxi");
    }
}

/// <summary>Prior-year link: the stored budget of year N-1 for the same unit (决算 if 已批复/已公开, else 预算).</summary>
public static class PriorYearLink
{
    public static async Task<StoredBudget?> FindAsync(IAppDbContext db, string unitCode, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = await db.Budgets.AsNoTracking().Where(b => b.UnitCode == unitCode && b.Year == year - 1).ToListAsync(ct);
        return candidates.Where(b => b.Phase == BudgetPhase.FinalAccounts && b.Status is BudgetStatus.Approved or BudgetStatus.Published)
                   .OrderByDescending(b => b.Version).FirstOrDefault()
               ?? candidates.Where(b => b.Phase == BudgetPhase.Budget)
                   .OrderByDescending(b => b.Status is BudgetStatus.Approved or BudgetStatus.Published)
                   .ThenByDescending(b => b.Version).FirstOrDefault();
    }

    public static PriorYearFigures From(StoredBudget source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var figures = BudgetFigures.PriorFrom(source.ToModel());
        return figures with
        {
            Source = string.Create(CultureInfo.InvariantCulture, $"已链接：{source.Title}第 {source.Version} 版（编号 {source.Id}，{source.Status.Chinese()}）"),
        };
    }
}

public sealed class CreateBudgetHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly CreateBudgetValidator Validator = new();

    public async Task<AppResult<StoredBudget>> HandleAsync(CreateBudget command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<StoredBudget>.Fail(validation.ToAppErrors());
        }
        var code = command.UnitCode.Trim();
        var phase = BudgetNames.Parse<BudgetPhase>(command.Phase)!.Value;
        var nature = BudgetNames.Parse<UnitNature>(command.Nature)!.Value;
        var latest = await db.Budgets.AsNoTracking().Where(b => b.UnitCode == code)
            .OrderByDescending(b => b.Year).ThenByDescending(b => b.Version).FirstOrDefaultAsync(ct);
        var previous = latest?.ToModel().Unit;
        var unit = new BudgetUnit(code, command.UnitName.Trim(), nature, Blank(command.Rank) ?? previous?.Rank, Blank(command.FundingForm) ?? previous?.FundingForm,
            new Staffing(command.Authorized, command.Actual, command.Retired),
            previous?.Departments ?? [], previous?.Responsibilities ?? [], previous?.Subordinates ?? []);
        var version = 1 + (await db.Budgets.Where(b => b.UnitCode == code && b.Year == command.Year && b.Phase == phase)
            .Select(b => (int?)b.Version).MaxAsync(ct) ?? 0);
        var model = BudgetEntryTables.Empty(unit, command.Year, phase, version, Blank(command.Profile) ?? latest?.Profile);
        var source = await PriorYearLink.FindAsync(db, code, command.Year, ct);
        if (source is not null)
        {
            model = model with { Prior = PriorYearLink.From(source) };
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = new StoredBudget
        {
            UnitCode = code,
            UnitName = unit.Name,
            Json = BudgetJsonWriter.Write(model),
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

    /// <summary>Units of stored budgets (latest budget of each), for “reuse a unit” on the create form.</summary>
    public async Task<IReadOnlyList<BudgetUnit>> KnownUnitsAsync(CancellationToken ct = default)
    {
        var all = await db.Budgets.AsNoTracking().Select(b => new { b.Id, b.UnitCode, b.Year, b.Version }).ToListAsync(ct);
        var ids = all.GroupBy(b => b.UnitCode).Select(g => g.OrderByDescending(b => b.Year).ThenByDescending(b => b.Version).First().Id).ToList();
        var latest = await db.Budgets.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(ct);
        return latest.Select(b => b.ToModel().Unit).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
