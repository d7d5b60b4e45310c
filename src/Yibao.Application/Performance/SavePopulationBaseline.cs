using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Performance;

namespace Yibao.Application.Performance;

/// <summary>录入（或修改）一个年度的人口基数及来源（参保率的分母）。</summary>
public sealed record SavePopulationBaseline(int Year, long? Population, string? Source);

public sealed class SavePopulationBaselineValidator : AbstractValidator<SavePopulationBaseline>
{
    public SavePopulationBaselineValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("年度：应在 2000–2100 之间");
        RuleFor(x => x.Population).NotNull().WithMessage("人口基数：不能为空")
            .GreaterThan(0).WithMessage("人口基数：须为正整数")
            .LessThanOrEqualTo(100_000_000).WithMessage("人口基数：不能超过 1 亿");
        RuleFor(x => x.Source).NotEmpty().WithMessage("数据来源：不能为空（如“2025 年统计公报户籍人口”）")
            .MaximumLength(200).WithMessage("数据来源：不能超过 200 个字符");
    }
}

public sealed class SavePopulationBaselineHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly SavePopulationBaselineValidator Validator = new();

    public async Task<AppResult<PopulationBaseline>> HandleAsync(SavePopulationBaseline command, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(command, ct);
        if (!v.IsValid)
        {
            return AppResult<PopulationBaseline>.Fail(v.ToAppErrors());
        }
        var row = await db.PopulationBaselines.FirstOrDefaultAsync(b => b.Year == command.Year, ct);
        if (row is null)
        {
            row = new PopulationBaseline { Year = command.Year, Source = "" };
            db.PopulationBaselines.Add(row);
        }
        row.Population = command.Population!.Value;
        row.Source = command.Source!.Trim();
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<PopulationBaseline>.Ok(row);
    }
}
