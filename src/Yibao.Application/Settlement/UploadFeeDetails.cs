using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>One fee line as the institution uploads it (national field names).</summary>
public sealed record FeeDetailInput(
    [property: JsonPropertyName("feedetl_sn")] string FeedetlSn,
    [property: JsonPropertyName("med_list_codg")] string MedListCodg,
    [property: JsonPropertyName("cnt")] decimal Cnt,
    [property: JsonPropertyName("pric")] decimal Pric,
    [property: JsonPropertyName("det_item_fee_sumamt")] decimal DetItemFeeSumamt,
    [property: JsonPropertyName("medins_list_name")] string? MedinsListName = null,
    [property: JsonPropertyName("fee_ocur_time")] DateOnly? FeeOcurTime = null,
    [property: JsonPropertyName("medc_days")] int? MedcDays = null,
    [property: JsonPropertyName("bilg_dr_codg")] string? BilgDrCodg = null);

/// <summary>
/// 2204 门诊费用明细上传 and 2301 住院费用明细上传 (many batches during the stay): adds fee lines to an open encounter.
/// Unknown item codes are accepted and reported as 全自费.
/// </summary>
public sealed record UploadFeeDetails(string MdtrtId, [property: JsonPropertyName("feedetail")] IReadOnlyList<FeeDetailInput> FeeDetail);

public sealed record FeeDetailResult(
    [property: JsonPropertyName("feedetl_sn")] string FeedetlSn,
    [property: JsonPropertyName("med_list_codg")] string MedListCodg,
    [property: JsonPropertyName("det_item_fee_sumamt")] decimal DetItemFeeSumamt,
    [property: JsonPropertyName("in_catalog")] bool InCatalog,
    [property: JsonPropertyName("memo")] string? Memo);

public sealed record UploadedFeeDetails(
    [property: JsonPropertyName("mdtrt_id")] string MdtrtId,
    [property: JsonPropertyName("result")] IReadOnlyList<FeeDetailResult> Result,
    [property: JsonPropertyName("medfee_sumamt")] decimal MedfeeSumamt);

public sealed class FeeDetailInputValidator : AbstractValidator<FeeDetailInput>
{
    /// <summary>Bounds beyond which a quantity or price is taken for an input error (数量、单价不合理).</summary>
    public const decimal MaxQuantity = 10_000m;
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>用药天数 medc_days: at most one year of supply.</summary>
    public const int MaxSupplyDays = 365;

    public FeeDetailInputValidator()
    {
        RuleFor(x => x.FeedetlSn).NotEmpty().WithMessage("费用明细流水号 feedetl_sn：不能为空").MaximumLength(40).WithMessage("费用明细流水号 feedetl_sn：不能超过 40 个字符");
        RuleFor(x => x.BilgDrCodg).MaximumLength(30).WithMessage("开单医师编码 bilg_dr_codg：不能超过 30 个字符");
        RuleFor(x => x.MedListCodg).NotEmpty().WithMessage("医保目录编码 med_list_codg：不能为空").MaximumLength(50).WithMessage("医保目录编码 med_list_codg：不能超过 50 个字符");
        RuleFor(x => x.Cnt).GreaterThan(0m).WithMessage("数量 cnt：必须大于 0").LessThanOrEqualTo(MaxQuantity).WithMessage("数量 cnt：超过 10000，不合理");
        RuleFor(x => x.Pric).GreaterThanOrEqualTo(0m).WithMessage("单价 pric：不能为负数").LessThanOrEqualTo(MaxPrice).WithMessage("单价 pric：超过 1000000 元，不合理");
        RuleFor(x => x.MedcDays).InclusiveBetween(0, MaxSupplyDays).When(x => x.MedcDays is not null)
            .WithMessage(x => $"用药天数 medc_days：须在 0–{MaxSupplyDays} 天之间（明细“{x.FeedetlSn}”为 {x.MedcDays} 天）");
        RuleFor(x => x.DetItemFeeSumamt).GreaterThanOrEqualTo(0m).WithMessage("明细项目费用总额 det_item_fee_sumamt：不能为负数")
            .Must(a => decimal.Round(a, 2) == a).WithMessage("明细项目费用总额 det_item_fee_sumamt：最多两位小数");
        RuleFor(x => x).Must(x => Math.Abs(decimal.Round(x.Cnt * x.Pric, 2, MidpointRounding.AwayFromZero) - x.DetItemFeeSumamt) <= 0.01m)
            .WithErrorCode(SettlementErrors.LineAmountMismatch)
            .WithMessage(x => $"明细项目费用总额 det_item_fee_sumamt：{x.DetItemFeeSumamt:0.00} 与 数量×单价（{x.Cnt}×{x.Pric}）不符")
            .OverridePropertyName("det_item_fee_sumamt")
            .When(x => x.Cnt > 0 && x.Pric >= 0 && x.Cnt <= MaxQuantity && x.Pric <= MaxPrice);
    }
}

public sealed class UploadFeeDetailsValidator : AbstractValidator<UploadFeeDetails>
{
    public UploadFeeDetailsValidator()
    {
        RuleFor(x => x.FeeDetail).NotNull().WithMessage("费用明细 feedetail：不能为空")
            .Must(l => l is { Count: > 0 and <= 1000 }).WithMessage("费用明细 feedetail：须有 1–1000 条").OverridePropertyName("feedetail");
        RuleForEach(x => x.FeeDetail).SetValidator(new FeeDetailInputValidator()).OverridePropertyName("feedetail");
        RuleFor(x => x.FeeDetail).Must(l => l is null || l.Select(f => f.FeedetlSn).Distinct(StringComparer.Ordinal).Count() == l.Count)
            .WithErrorCode(SettlementErrors.DuplicateFeeDetail).WithMessage("费用明细流水号 feedetl_sn：同一请求中有重复的流水号").OverridePropertyName("feedetl_sn");
    }
}

public sealed class UploadFeeDetailsHandler(IAppDbContext db, ISettlementReferenceData reference, IPersonSettlementLock personLock)
{
    private static readonly UploadFeeDetailsValidator Validator = new();

    /// <param name="inpatient">true for 2301 (the encounter must be an admission), false for 2204 (an outpatient visit).</param>
    public Task<AppResult<UploadedFeeDetails>> HandleAsync(InstitutionCaller caller, UploadFeeDetails command, CancellationToken ct = default) =>
        HandleAsync(caller, command, inpatient: false, ct);

    public async Task<AppResult<UploadedFeeDetails>> HandleAsync(InstitutionCaller caller, UploadFeeDetails command, bool inpatient, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        return validation.IsValid
            ? await db.InTransactionAsync(() => UploadAsync(caller, command, inpatient, ct), ct)
            : AppResult<UploadedFeeDetails>.Fail(validation.ToAppErrors());
    }

    private async Task<AppResult<UploadedFeeDetails>> UploadAsync(InstitutionCaller caller, UploadFeeDetails command, bool inpatient, CancellationToken ct)
    {
        var (e, openError) = await OpenEncounterAsync(db, personLock, caller, command.MdtrtId, inpatient, ct);
        if (openError is not null)
        {
            return AppResult<UploadedFeeDetails>.Fail(openError);
        }

        if (inpatient)
        {
            var last = e.EndDate ?? DateOnly.MaxValue;
            var outside = command.FeeDetail.FirstOrDefault(f => f.FeeOcurTime is { } d && (d < e.BeginDate || d > last));
            if (outside is not null)
            {
                return AppResult<UploadedFeeDetails>.Fail(new AppError(SettlementErrors.Validation,
                    $"费用发生时间 fee_ocur_time：明细“{outside.FeedetlSn}”的 {outside.FeeOcurTime:yyyy-MM-dd} 不在住院期间（{e.BeginDate:yyyy-MM-dd} 起{(e.EndDate is { } end ? $"，至 {end:yyyy-MM-dd}" : "")}）", "fee_ocur_time"));
            }
        }

        var existing = e.FeeDetails.Select(f => f.FeedetlSn).ToHashSet(StringComparer.Ordinal);
        var dup = command.FeeDetail.FirstOrDefault(f => existing.Contains(f.FeedetlSn.Trim()));
        if (dup is not null)
        {
            return AppResult<UploadedFeeDetails>.Fail(new AppError(SettlementErrors.DuplicateFeeDetail, $"费用明细流水号 feedetl_sn：“{dup.FeedetlSn}”已上传过（撤销的流水号也不能重复使用）", "feedetl_sn"));
        }

        var catalog = await reference.GetCatalogAsync(e.PoolAreaCode, e.BeginDate, ct);
        var results = new List<FeeDetailResult>(command.FeeDetail.Count);
        foreach (var f in command.FeeDetail)
        {
            var line = new FeeDetail
            {
                FeedetlSn = f.FeedetlSn.Trim(),
                MedListCodg = f.MedListCodg.Trim(),
                MedinsListName = f.MedinsListName?.Trim(),
                Cnt = f.Cnt,
                Pric = f.Pric,
                DetItemFeeSumamt = f.DetItemFeeSumamt,
                FeeOcurDate = f.FeeOcurTime ?? e.BeginDate,
                MedcDays = f.MedcDays,
                BilgDrCodg = string.IsNullOrWhiteSpace(f.BilgDrCodg) ? null : f.BilgDrCodg.Trim(),
            };
            e.FeeDetails.Add(line);
            var inCatalog = catalog?.Find(line.MedListCodg) is not null;
            results.Add(new FeeDetailResult(line.FeedetlSn, line.MedListCodg, line.DetItemFeeSumamt, inCatalog, inCatalog ? null : "不在医保目录，按全自费结算"));
        }

        await db.SaveChangesAsync(ct);
        return AppResult<UploadedFeeDetails>.Ok(new UploadedFeeDetails(e.MdtrtId, results, e.FeeDetails.Where(f => !f.Cancelled).Sum(f => f.DetItemFeeSumamt)));
    }

    /// <summary>
    /// The caller's encounter, with its lines, while it is still open for fee changes; else the error to answer. Read under
    /// the person's settlement lock (the caller's transaction holds it), so a settlement cannot run between this read and
    /// the change's commit.
    /// </summary>
    internal static async Task<(MedicalEncounter Encounter, AppError? Error)> OpenEncounterAsync(IAppDbContext db, IPersonSettlementLock personLock, InstitutionCaller caller,
        string mdtrtId, bool inpatient, CancellationToken ct)
    {
        await personLock.LockEncounterAsync(caller.InstitutionId, mdtrtId, ct);
        var (_, e, error) = await db.ActiveInstitutionAndEncounterAsync(caller, mdtrtId, withLines: true, ct);
        if (error is not null)
        {
            return (null!, error);
        }

        return e!.Status != EncounterStatus.Registered ? (e, NotOpen(e)) : (e, WrongKind(e, inpatient));
    }

    /// <summary>Outpatient transactions refuse admissions and the inpatient ones refuse outpatient visits, naming the right transaction.</summary>
    internal static AppError? WrongKind(MedicalEncounter e, bool inpatient) => (e.MedType == VisitType.Inpatient, inpatient) switch
    {
        (true, false) => new AppError(SettlementErrors.WrongEncounterKind, $"就诊 ID mdtrt_id：“{e.MdtrtId}”是住院就诊，请使用住院交易（2301/2302/2303/2304/2404）", "mdtrt_id"),
        (false, true) => new AppError(SettlementErrors.WrongEncounterKind, $"就诊 ID mdtrt_id：“{e.MdtrtId}”不是住院就诊，请使用门诊交易（2204/2205/2206/2207/2202）", "mdtrt_id"),
        _ => null,
    };

    internal static AppError NotOpen(MedicalEncounter e) => e.Status == EncounterStatus.Settled
        ? new AppError(SettlementErrors.AlreadySettled, $"就诊 ID mdtrt_id：就诊“{e.MdtrtId}”已结算，不能再变动费用或重复结算", "mdtrt_id")
        : new AppError(SettlementErrors.EncounterNotOpen, $"就诊 ID mdtrt_id：就诊“{e.MdtrtId}”已撤销挂号", "mdtrt_id");
}

/// <summary>
/// 2205 门诊费用明细撤销 and 2302 住院费用明细撤销: cancels one line (feedetl_sn) or all lines of an open encounter
/// (flags, nothing deleted). Lines already settled by a 中途结算 stay; cancel that settlement first (2305).
/// </summary>
public sealed record CancelFeeDetails(string MdtrtId, [property: JsonPropertyName("feedetl_sn")] string? FeedetlSn);

public sealed class CancelFeeDetailsHandler(IAppDbContext db, IPersonSettlementLock personLock)
{
    public Task<AppResult<UploadedFeeDetails>> HandleAsync(InstitutionCaller caller, CancelFeeDetails command, CancellationToken ct = default) =>
        HandleAsync(caller, command, inpatient: false, ct);

    public Task<AppResult<UploadedFeeDetails>> HandleAsync(InstitutionCaller caller, CancelFeeDetails command, bool inpatient, CancellationToken ct = default) =>
        db.InTransactionAsync(() => CancelAsync(caller, command, inpatient, ct), ct);

    private async Task<AppResult<UploadedFeeDetails>> CancelAsync(InstitutionCaller caller, CancelFeeDetails command, bool inpatient, CancellationToken ct)
    {
        var (e, openError) = await UploadFeeDetailsHandler.OpenEncounterAsync(db, personLock, caller, command.MdtrtId, inpatient, ct);
        if (openError is not null)
        {
            return AppResult<UploadedFeeDetails>.Fail(openError);
        }

        var settled = inpatient ? await InpatientStay.SettledLineSnsAsync(db, e.Id, ct) : [];
        var sn = command.FeedetlSn?.Trim();
        if (sn is { Length: > 0 } && settled.Contains(sn))
        {
            return AppResult<UploadedFeeDetails>.Fail(new AppError(SettlementErrors.AlreadySettled, $"费用明细流水号 feedetl_sn：明细“{sn}”已中途结算，须先撤销该结算（2305）", "feedetl_sn"));
        }

        var targets = string.IsNullOrWhiteSpace(sn)
            ? e.FeeDetails.Where(f => !f.Cancelled && !settled.Contains(f.FeedetlSn)).ToList()
            : e.FeeDetails.Where(f => !f.Cancelled && f.FeedetlSn == sn).ToList();
        if (targets.Count == 0)
        {
            return AppResult<UploadedFeeDetails>.Fail(new AppError(SettlementErrors.FeeDetailNotFound, $"费用明细流水号 feedetl_sn：就诊“{e.MdtrtId}”没有未撤销的明细“{command.FeedetlSn ?? "（全部）"}”", "feedetl_sn"));
        }

        targets.ForEach(f => f.Cancelled = true);
        await db.SaveChangesAsync(ct);
        var cancelled = targets.Select(f => new FeeDetailResult(f.FeedetlSn, f.MedListCodg, f.DetItemFeeSumamt, true, "已撤销")).ToList();
        return AppResult<UploadedFeeDetails>.Ok(new UploadedFeeDetails(e.MdtrtId, cancelled, e.FeeDetails.Where(f => !f.Cancelled).Sum(f => f.DetItemFeeSumamt)));
    }
}
