using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// 2401 入院办理: opens an admission (med_type 21) for a covered person at the calling institution. A person has at most
/// one open admission per institution (open = not finally settled and not cancelled).
/// </summary>
public sealed record AdmitInpatient(
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("begntime")] DateOnly Begntime,
    [property: JsonPropertyName("ipt_otp_no")] string IptOtpNo,
    [property: JsonPropertyName("adm_dept_codg")] string AdmDeptCodg,
    [property: JsonPropertyName("dise_codg")] string DiseCodg,
    [property: JsonPropertyName("adm_bed")] string? AdmBed = null,
    [property: JsonPropertyName("med_type")] string? MedType = "21");

/// <summary>住院就诊信息 as answered by 2401/2402/2404/2405 (national field names). mdtrt_stas: 1 在院/未结算, 2 已结算, 9 已撤销.</summary>
public sealed record AdmissionView(
    [property: JsonPropertyName("mdtrt_id")] string MdtrtId,
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("med_type")] string MedType,
    [property: JsonPropertyName("ipt_otp_no")] string? IptOtpNo,
    [property: JsonPropertyName("begntime")] DateOnly Begntime,
    [property: JsonPropertyName("endtime")] DateOnly? Endtime,
    [property: JsonPropertyName("adm_dept_codg")] string? AdmDeptCodg,
    [property: JsonPropertyName("adm_bed")] string? AdmBed,
    [property: JsonPropertyName("dise_codg")] string? DiseCodg,
    [property: JsonPropertyName("dscg_maindiag_code")] string? DscgMaindiagCode,
    [property: JsonPropertyName("dscg_way")] string? DscgWay,
    [property: JsonPropertyName("fixmedins_code")] string FixmedinsCode,
    [property: JsonPropertyName("mdtrt_stas")] string Status)
{
    public static AdmissionView Of(MedicalEncounter e, string fixmedinsCode) => new(
        e.MdtrtId, e.PsnNo, e.Insutype, ((int)e.MedType).ToString(OnlineSettlement.Invariant), e.IptOtpNo, e.BeginDate, e.EndDate,
        e.AdmDeptCodg, e.AdmBed, e.DiseCodg, e.DscgMaindiagCode, e.DscgWay, fixmedinsCode, RegisterOutpatientHandler.StatusCode(e.Status));
}

public sealed class AdmitInpatientValidator : AbstractValidator<AdmitInpatient>
{
    public AdmitInpatientValidator()
    {
        RuleFor(x => x.PsnNo).NotEmpty().WithMessage("人员编号 psn_no：不能为空").OverridePropertyName("psn_no");
        RuleFor(x => x.Insutype).Must(RegistryLookups.IsInsuranceType).WithMessage(RegistryLookups.InsutypeMessage).OverridePropertyName("insutype");
        RuleFor(x => x.MedType).Must(m => m is null or "" or "21").WithMessage("医疗类别 med_type：入院办理只接受 21（普通住院）").OverridePropertyName("med_type");
        RuleFor(x => x.Begntime).NotEqual(default(DateOnly)).WithMessage("入院时间 begntime：不能为空").OverridePropertyName("begntime");
        RuleFor(x => x.IptOtpNo).NotEmpty().WithMessage("住院号 ipt_otp_no：不能为空").MaximumLength(30).WithMessage("住院号 ipt_otp_no：不能超过 30 个字符").OverridePropertyName("ipt_otp_no");
        RuleFor(x => x.AdmDeptCodg).NotEmpty().WithMessage("入院科室编码 adm_dept_codg：不能为空").MaximumLength(30).WithMessage("入院科室编码 adm_dept_codg：不能超过 30 个字符").OverridePropertyName("adm_dept_codg");
        RuleFor(x => x.DiseCodg).NotEmpty().WithMessage("入院诊断 dise_codg：不能为空").MaximumLength(200).WithMessage("入院诊断 dise_codg：不能超过 200 个字符").OverridePropertyName("dise_codg");
        RuleFor(x => x.AdmBed).MaximumLength(30).WithMessage("入院床位 adm_bed：不能超过 30 个字符").OverridePropertyName("adm_bed");
    }
}

public sealed class AdmitInpatientHandler(IAppDbContext db, IPersonSettlementLock personLock, TimeProvider clock)
{
    private static readonly AdmitInpatientValidator Validator = new();

    public async Task<AppResult<AdmissionView>> HandleAsync(InstitutionCaller caller, AdmitInpatient command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<AdmissionView>.Fail(validation.ToAppErrors());
        }

        if (command.Begntime > clock.TodayInChina())
        {
            return AppResult<AdmissionView>.Fail(new AppError(SettlementErrors.Validation, $"入院时间 begntime：{command.Begntime:yyyy-MM-dd} 晚于今天", "begntime"));
        }

        return await db.InTransactionAsync(() => AdmitAsync(caller, command, ct), ct);
    }

    private async Task<AppResult<AdmissionView>> AdmitAsync(InstitutionCaller caller, AdmitInpatient command, CancellationToken ct)
    {
        static AppResult<AdmissionView> Fail(AppError e) => AppResult<AdmissionView>.Fail(e);
        var (inst, instError) = await db.ActiveInstitutionAsync(caller, ct);
        if (instError is not null)
        {
            return Fail(instError);
        }

        var (person, _, covError) = await db.PersonCoverageAsync(db.PersonsByKey(command.PsnNo), command.Insutype, command.Begntime, ct);
        if (person is null)
        {
            return Fail(RegistryLookups.PersonNotFound(command.PsnNo));
        }

        if (covError is not null)
        {
            return Fail(covError);
        }

        // Under the person's lock, so two simultaneous admissions cannot both see "no open admission".
        await personLock.LockAsync(person.Id, ct);
        var open = await db.MedicalEncounters.AsNoTracking()
            .Where(x => x.PersonId == person.Id && x.InstitutionId == caller.InstitutionId && x.MedType == VisitType.Inpatient && x.Status == EncounterStatus.Registered)
            .Select(x => new { x.MdtrtId, x.BeginDate }).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return Fail(new AppError(SettlementErrors.AdmissionOpen,
                $"人员编号 psn_no：{person.Name}（{person.PersonNo}）在本机构已有未结算的住院“{open.MdtrtId}”（{open.BeginDate:yyyy-MM-dd} 入院），须先出院结算或取消入院", "psn_no"));
        }

        var e = new MedicalEncounter
        {
            MdtrtId = OnlineSettlement.NewId('M', clock),
            InstitutionId = inst!.Id,
            PersonId = person.Id,
            PsnNo = person.PersonNo,
            Insutype = command.Insutype,
            MedType = VisitType.Inpatient,
            BeginDate = command.Begntime,
            DiseCodg = command.DiseCodg.Trim(),
            IptOtpNo = command.IptOtpNo.Trim(),
            AdmDeptCodg = command.AdmDeptCodg.Trim(),
            AdmBed = string.IsNullOrWhiteSpace(command.AdmBed) ? null : command.AdmBed.Trim(),
            PoolAreaCode = person.PoolAreaCode,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.MedicalEncounters.Add(e);
        await db.SaveChangesAsync(ct);
        return AppResult<AdmissionView>.Ok(AdmissionView.Of(e, inst.Code));
    }
}

/// <summary>2404 取消入院: cancels an admission that has no settlement in force (status change, nothing deleted).</summary>
public sealed record CancelAdmission(string MdtrtId);

public sealed class CancelAdmissionHandler(IAppDbContext db)
{
    public async Task<AppResult<AdmissionView>> HandleAsync(InstitutionCaller caller, CancelAdmission command, CancellationToken ct = default)
    {
        var (e, error) = await InpatientStay.OpenAdmissionAsync(db, caller, command.MdtrtId, ct);
        if (error is not null)
        {
            return AppResult<AdmissionView>.Fail(error);
        }

        var settled = await db.Settlements.Where(s => s.EncounterId == e.Id && s.Status == SettlementStatus.Settled).Select(s => s.SetlId).FirstOrDefaultAsync(ct);
        if (settled is not null)
        {
            return AppResult<AdmissionView>.Fail(new AppError(SettlementErrors.HasSettlements,
                $"就诊 ID mdtrt_id：住院“{e.MdtrtId}”已有结算“{settled}”，须先撤销结算（2305）再取消入院", "mdtrt_id"));
        }

        e.Status = EncounterStatus.Cancelled;
        await db.SaveChangesAsync(ct);
        return AppResult<AdmissionView>.Ok(AdmissionView.Of(e, caller.FixmedinsCode));
    }
}

/// <summary>Shared look-ups of the inpatient transactions.</summary>
public static class InpatientStay
{
    /// <summary>The caller's admission while it is open (not finally settled, not cancelled); else the error to answer.</summary>
    public static async Task<(MedicalEncounter Encounter, AppError? Error)> OpenAdmissionAsync(IAppDbContext db, InstitutionCaller caller, string mdtrtId, CancellationToken ct)
    {
        var (_, instError) = await db.ActiveInstitutionAsync(caller, ct);
        if (instError is not null)
        {
            return (null!, instError);
        }

        var e = await db.OwnEncounterAsync(caller, mdtrtId, withLines: false, ct);
        if (e is null)
        {
            return (null!, OnlineSettlement.EncounterNotFound(mdtrtId));
        }

        if (UploadFeeDetailsHandler.WrongKind(e, inpatient: true) is { } kind)
        {
            return (e, kind);
        }

        return e.Status switch
        {
            EncounterStatus.Registered => (e, null),
            EncounterStatus.Settled => (e, new AppError(SettlementErrors.AlreadySettled, $"就诊 ID mdtrt_id：住院“{e.MdtrtId}”已出院结算，须先撤销结算（2305）", "mdtrt_id")),
            EncounterStatus.Cancelled => (e, new AppError(SettlementErrors.AlreadyCancelled, $"就诊 ID mdtrt_id：住院“{e.MdtrtId}”已取消入院", "mdtrt_id")),
            _ => throw new InvalidOperationException("未知的就诊状态"),
        };
    }

    /// <summary>feedetl_sn of the lines covered by the settlements in force of an encounter (earlier 中途结算).</summary>
    public static async Task<HashSet<string>> SettledLineSnsAsync(IAppDbContext db, long encounterId, CancellationToken ct)
    {
        var jsons = await db.Settlements.AsNoTracking().Where(s => s.EncounterId == encounterId && s.Status == SettlementStatus.Settled)
            .Select(s => s.LinesJson).ToListAsync(ct);
        var sns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var json in jsons)
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var line in doc.RootElement.EnumerateArray())
            {
                if (line.TryGetProperty("feedetl_sn", out var sn) && sn.GetString() is { } v)
                {
                    sns.Add(v);
                }
            }
        }

        return sns;
    }

    /// <summary>The stay's end for the engine (days for per-day limits): the discharge date, or today for a 中途结算.</summary>
    public static DateOnly SettlementEndDate(MedicalEncounter e, DateOnly today) =>
        e.EndDate ?? (today < e.BeginDate ? e.BeginDate : today);
}

/// <summary>Reads one of the caller's admissions (others' are "not found").</summary>
public sealed class GetAdmissionHandler(IAppDbContext db)
{
    public async Task<AppResult<AdmissionView>> HandleAsync(InstitutionCaller caller, string mdtrtId, CancellationToken ct = default)
    {
        var e = await db.MedicalEncounters.AsNoTracking()
            .FirstOrDefaultAsync(x => x.MdtrtId == mdtrtId && x.InstitutionId == caller.InstitutionId && x.MedType == VisitType.Inpatient, ct);
        return e is null
            ? AppResult<AdmissionView>.Fail(OnlineSettlement.EncounterNotFound(mdtrtId))
            : AppResult<AdmissionView>.Ok(AdmissionView.Of(e, caller.FixmedinsCode));
    }
}
