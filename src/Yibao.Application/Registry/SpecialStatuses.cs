using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;

namespace Yibao.Application.Registry;

/// <summary>认定特殊身份 (特困、低保、脱贫人口 …) with effective dates and source.</summary>
public sealed record AddSpecialStatus(string Person, string Type, DateOnly BeginDate, string Source, DateOnly? EndDate = null, string? SourceReference = null);

public sealed class AddSpecialStatusValidator : AbstractValidator<AddSpecialStatus>
{
    public AddSpecialStatusValidator()
    {
        RuleFor(x => x.Person).NotEmpty().WithMessage("人员：请填写人员编号或证件号码").OverridePropertyName("psn_no");
        RuleFor(x => x.Type).Must(RegistryLookups.IsSpecialStatus)
            .WithMessage("特殊身份：“{PropertyValue}”不是有效的身份类型（1 特困、2 低保、3 脱贫人口、4 防返贫监测对象、5 离休干部、6 二等乙级以上伤残军人、7 建国初期参加革命工作人员、8 公务员）")
            .OverridePropertyName("psn_idet_type");
        RuleFor(x => x.Source).NotEmpty().WithMessage("认定来源：不能为空（如 民政局、乡村振兴局）").MaximumLength(100).WithMessage("认定来源：不能超过 100 个字符").OverridePropertyName("source");
        RuleFor(x => x.SourceReference).MaximumLength(100).WithMessage("认定文号：不能超过 100 个字符").OverridePropertyName("source_ref");
    }
}

public sealed class AddSpecialStatusHandler(IAppDbContext db)
{
    private static readonly AddSpecialStatusValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(AddSpecialStatus command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        var person = await db.FindPersonAsync(command.Person, ct);
        if (person is null)
        {
            return AppResult<long>.Fail(RegistryLookups.PersonNotFound(command.Person));
        }

        var coverage = await db.LoadCoverageAsync(person, ct);
        try
        {
            var status = coverage.AddSpecialStatus(RegistryLookups.ToSpecialStatus(command.Type), command.BeginDate, command.EndDate, command.Source, command.SourceReference);
            db.PersonSpecialStatuses.Add(status);
            await db.SaveChangesAsync(ct);
            return AppResult<long>.Ok(status.Id);
        }
        catch (DomainException ex)
        {
            return AppResult<long>.Fail(ex.ToAppError());
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppResult<long>.Fail(RegistryLookups.CoverageChangedConcurrently());
        }
    }
}

/// <summary>特殊身份到期/取消: the last day the status applies.</summary>
public sealed record EndSpecialStatus(long StatusId, DateOnly EndDate);

public sealed class EndSpecialStatusHandler(IAppDbContext db)
{
    public async Task<AppResult<long>> HandleAsync(EndSpecialStatus command, CancellationToken ct = default)
    {
        var status = await db.PersonSpecialStatuses.FirstOrDefaultAsync(s => s.Id == command.StatusId, ct);
        if (status is null)
        {
            return AppResult<long>.Fail(new AppError("status-not-found", $"特殊身份：未找到编号为 {command.StatusId} 的记录", "status_id"));
        }

        try
        {
            status.End(command.EndDate);
        }
        catch (DomainException ex)
        {
            return AppResult<long>.Fail(ex.ToAppError());
        }

        await db.SaveChangesAsync(ct);
        return AppResult<long>.Ok(status.Id);
    }
}
