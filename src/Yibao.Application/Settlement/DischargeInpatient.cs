using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;

namespace Yibao.Application.Settlement;

/// <summary>2402 出院办理: records the discharge date (≥ admission, ≤ today), the discharge diagnosis and 离院方式 of an open admission.</summary>
public sealed record DischargeInpatient(
    string MdtrtId,
    [property: JsonPropertyName("endtime")] DateOnly Endtime,
    [property: JsonPropertyName("dscg_maindiag_code")] string DscgMaindiagCode,
    [property: JsonPropertyName("dscg_way")] string? DscgWay = "1");

public sealed class DischargeInpatientValidator : AbstractValidator<DischargeInpatient>
{
    /// <summary>离院方式 (GB/T 离院方式代码): 1 医嘱离院, 2 医嘱转院, 3 医嘱转社区/乡镇卫生院, 4 非医嘱离院, 5 死亡, 9 其他.</summary>
    public static readonly IReadOnlyList<string> DischargeWays = ["1", "2", "3", "4", "5", "9"];

    public DischargeInpatientValidator()
    {
        RuleFor(x => x.MdtrtId).NotEmpty().WithMessage("就诊 ID mdtrt_id：不能为空").OverridePropertyName("mdtrt_id");
        RuleFor(x => x.Endtime).NotEqual(default(DateOnly)).WithMessage("出院时间 endtime：不能为空").OverridePropertyName("endtime");
        RuleFor(x => x.DscgMaindiagCode).NotEmpty().WithMessage("出院主要诊断 dscg_maindiag_code：不能为空")
            .MaximumLength(200).WithMessage("出院主要诊断 dscg_maindiag_code：不能超过 200 个字符").OverridePropertyName("dscg_maindiag_code");
        RuleFor(x => x.DscgWay).Must(w => w is null or "" || DischargeWays.Contains(w))
            .WithMessage("离院方式 dscg_way：只能是 1 医嘱离院、2 医嘱转院、3 医嘱转社区/乡镇卫生院、4 非医嘱离院、5 死亡、9 其他").OverridePropertyName("dscg_way");
    }
}

public sealed class DischargeInpatientHandler(IAppDbContext db, TimeProvider clock)
{
    private static readonly DischargeInpatientValidator Validator = new();

    public async Task<AppResult<AdmissionView>> HandleAsync(InstitutionCaller caller, DischargeInpatient command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<AdmissionView>.Fail(validation.ToAppErrors());
        }

        var (e, error) = await InpatientStay.OpenAdmissionAsync(db, caller, command.MdtrtId, ct);
        if (error is not null)
        {
            return AppResult<AdmissionView>.Fail(error);
        }

        if (e.EndDate is { } done)
        {
            return AppResult<AdmissionView>.Fail(new AppError(SettlementErrors.AlreadyDischarged, $"就诊 ID mdtrt_id：住院“{e.MdtrtId}”已于 {done:yyyy-MM-dd} 办理出院；如需更正请先撤销出院（2405）", "mdtrt_id"));
        }

        if (command.Endtime < e.BeginDate)
        {
            return AppResult<AdmissionView>.Fail(new AppError(SettlementErrors.Validation, $"出院时间 endtime：{command.Endtime:yyyy-MM-dd} 早于入院时间 {e.BeginDate:yyyy-MM-dd}", "endtime"));
        }

        if (command.Endtime > clock.TodayInChina())
        {
            return AppResult<AdmissionView>.Fail(new AppError(SettlementErrors.Validation, $"出院时间 endtime：{command.Endtime:yyyy-MM-dd} 晚于今天", "endtime"));
        }

        var lines = await db.FeeDetails.Where(f => f.EncounterId == e.Id && !f.Cancelled && f.FeeOcurDate > command.Endtime).Select(f => f.FeedetlSn).FirstOrDefaultAsync(ct);
        if (lines is not null)
        {
            return AppResult<AdmissionView>.Fail(new AppError(SettlementErrors.Validation, $"出院时间 endtime：{command.Endtime:yyyy-MM-dd} 早于已上传明细“{lines}”的费用发生日期", "endtime"));
        }

        e.EndDate = command.Endtime;
        e.DscgMaindiagCode = command.DscgMaindiagCode.Trim();
        e.DscgWay = string.IsNullOrWhiteSpace(command.DscgWay) ? "1" : command.DscgWay;
        await db.SaveChangesAsync(ct);
        return AppResult<AdmissionView>.Ok(AdmissionView.Of(e, caller.FixmedinsCode));
    }
}

/// <summary>2405 撤销出院: reopens a discharged admission that is not finally settled (cancel the settlement first with 2305).</summary>
public sealed record CancelDischarge(string MdtrtId);

public sealed class CancelDischargeHandler(IAppDbContext db)
{
    public async Task<AppResult<AdmissionView>> HandleAsync(InstitutionCaller caller, CancelDischarge command, CancellationToken ct = default)
    {
        var (e, error) = await InpatientStay.OpenAdmissionAsync(db, caller, command.MdtrtId, ct);
        if (error is not null)
        {
            return AppResult<AdmissionView>.Fail(error);
        }

        if (e.EndDate is null)
        {
            return AppResult<AdmissionView>.Fail(new AppError(SettlementErrors.NotDischarged, $"就诊 ID mdtrt_id：住院“{e.MdtrtId}”尚未办理出院，无需撤销", "mdtrt_id"));
        }

        e.EndDate = null;
        e.DscgMaindiagCode = null;
        e.DscgWay = null;
        await db.SaveChangesAsync(ct);
        return AppResult<AdmissionView>.Ok(AdmissionView.Of(e, caller.FixmedinsCode));
    }
}
