using System.Text.Json.Serialization;
using FluentValidation;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>2201 门诊挂号: opens an outpatient encounter for a covered person at the calling institution.</summary>
public sealed record RegisterOutpatient(
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("med_type")] string MedType,
    [property: JsonPropertyName("begntime")] DateOnly Begntime,
    [property: JsonPropertyName("dise_codg")] string? DiseCodg = null,
    [property: JsonPropertyName("chronic_dise")] string? ChronicDise = null);

public sealed record EncounterView(
    [property: JsonPropertyName("mdtrt_id")] string MdtrtId,
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("med_type")] string MedType,
    [property: JsonPropertyName("begntime")] DateOnly Begntime,
    [property: JsonPropertyName("fixmedins_code")] string FixmedinsCode,
    [property: JsonPropertyName("mdtrt_stas")] string Status);

public sealed class RegisterOutpatientValidator : AbstractValidator<RegisterOutpatient>
{
    public RegisterOutpatientValidator()
    {
        RuleFor(x => x.PsnNo).NotEmpty().WithMessage("人员编号 psn_no：不能为空").OverridePropertyName("psn_no");
        RuleFor(x => x.Insutype).Must(RegistryLookups.IsInsuranceType).WithMessage(RegistryLookups.InsutypeMessage).OverridePropertyName("insutype");
        RuleFor(x => x.MedType).Must(OnlineSettlement.IsOutpatientMedType).WithMessage("医疗类别 med_type：门诊挂号只接受 11（普通门诊）或 14（门诊慢特病）").OverridePropertyName("med_type");
        RuleFor(x => x.Begntime).NotEqual(default(DateOnly)).WithMessage("开始时间 begntime：不能为空").OverridePropertyName("begntime");
        RuleFor(x => x.ChronicDise).NotEmpty().When(x => x.MedType == "14").WithMessage("病种 chronic_dise：门诊慢特病须填写病种编码").OverridePropertyName("chronic_dise");
        RuleFor(x => x.DiseCodg).MaximumLength(200).WithMessage("诊断 dise_codg：不能超过 200 个字符").OverridePropertyName("dise_codg");
    }
}

public sealed class RegisterOutpatientHandler(IAppDbContext db, TimeProvider clock)
{
    private static readonly RegisterOutpatientValidator Validator = new();

    public async Task<AppResult<EncounterView>> HandleAsync(InstitutionCaller caller, RegisterOutpatient command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<EncounterView>.Fail(validation.ToAppErrors());
        }

        if (command.Begntime > clock.TodayInChina())
        {
            return AppResult<EncounterView>.Fail(new AppError(SettlementErrors.Validation, $"开始时间 begntime：{command.Begntime:yyyy-MM-dd} 晚于今天", "begntime"));
        }

        var (inst, instError) = await db.ActiveInstitutionAsync(caller, ct);
        if (instError is not null)
        {
            return AppResult<EncounterView>.Fail(instError);
        }

        var (person, _, covError) = await db.PersonCoverageAsync(db.PersonsByKey(command.PsnNo), command.Insutype, command.Begntime, ct);
        if (person is null)
        {
            return AppResult<EncounterView>.Fail(RegistryLookups.PersonNotFound(command.PsnNo));
        }

        if (covError is not null)
        {
            return AppResult<EncounterView>.Fail(covError);
        }

        var encounter = new MedicalEncounter
        {
            MdtrtId = OnlineSettlement.NewId('M', clock),
            InstitutionId = inst!.Id,
            PersonId = person.Id,
            PsnNo = person.PersonNo,
            Insutype = command.Insutype,
            MedType = command.MedType == "14" ? VisitType.ChronicOutpatient : VisitType.GeneralOutpatient,
            BeginDate = command.Begntime,
            DiseCodg = string.IsNullOrWhiteSpace(command.DiseCodg) ? null : command.DiseCodg.Trim(),
            ChronicDisease = string.IsNullOrWhiteSpace(command.ChronicDise) ? null : command.ChronicDise.Trim(),
            PoolAreaCode = person.PoolAreaCode,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.MedicalEncounters.Add(encounter);
        await db.SaveChangesAsync(ct);
        return AppResult<EncounterView>.Ok(View(encounter, inst.Code));
    }

    public static EncounterView View(MedicalEncounter e, string fixmedinsCode) =>
        new(e.MdtrtId, e.PsnNo, e.Insutype, ((int)e.MedType).ToString(OnlineSettlement.Invariant), e.BeginDate, fixmedinsCode, StatusCode(e.Status));

    /// <summary>就诊状态 code: 1 已登记, 2 已结算, 9 已撤销.</summary>
    public static string StatusCode(EncounterStatus s) => s switch
    {
        EncounterStatus.Registered => "1",
        EncounterStatus.Settled => "2",
        EncounterStatus.Cancelled => "9",
        _ => "0",
    };
}

/// <summary>2202 门诊挂号撤销: cancels an encounter that has no valid settlement (status change, nothing deleted).</summary>
public sealed record CancelOutpatientRegistration(string MdtrtId);

public sealed class CancelOutpatientRegistrationHandler(IAppDbContext db)
{
    public async Task<AppResult<EncounterView>> HandleAsync(InstitutionCaller caller, CancelOutpatientRegistration command, CancellationToken ct = default)
    {
        var (inst, instError) = await db.ActiveInstitutionAsync(caller, ct);
        if (instError is not null)
        {
            return AppResult<EncounterView>.Fail(instError);
        }

        var e = await db.OwnEncounterAsync(caller, command.MdtrtId, withLines: false, ct);
        if (e is null)
        {
            return AppResult<EncounterView>.Fail(OnlineSettlement.EncounterNotFound(command.MdtrtId));
        }

        if (e.Status == EncounterStatus.Registered && UploadFeeDetailsHandler.WrongKind(e, inpatient: false) is { } kindError)
        {
            return AppResult<EncounterView>.Fail(kindError);
        }

        switch (e.Status)
        {
            case EncounterStatus.Settled:
                return AppResult<EncounterView>.Fail(new AppError(SettlementErrors.AlreadySettled, $"就诊 ID mdtrt_id：就诊“{e.MdtrtId}”已结算，须先撤销结算（2208）再撤销挂号", "mdtrt_id"));
            case EncounterStatus.Cancelled:
                return AppResult<EncounterView>.Fail(new AppError(SettlementErrors.AlreadyCancelled, $"就诊 ID mdtrt_id：就诊“{e.MdtrtId}”已撤销挂号", "mdtrt_id"));
            case EncounterStatus.Registered:
                break;
            default:
                throw new InvalidOperationException("未知的就诊状态");
        }

        e.Status = EncounterStatus.Cancelled;
        await db.SaveChangesAsync(ct);
        return AppResult<EncounterView>.Ok(RegisterOutpatientHandler.View(e, inst!.Code));
    }
}
