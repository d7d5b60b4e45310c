using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Common;
using Yibao.Domain.OutOfArea;

namespace Yibao.Application.OutOfArea;

/// <summary>
/// 异地就医备案 (national 2501): files a person for care outside the 统筹区. Field names follow the national interface.
/// <c>fil_type</c>: 1 异地长期居住, 2 常驻异地工作, 3 转诊转院, 4 临时外出就医.
/// </summary>
public sealed record FileOutOfArea(
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("fil_type")] string FilingType,
    [property: JsonPropertyName("mdtrtarea_admdvs")] string DestinationCode,
    [property: JsonPropertyName("mdtrtarea_name")] string DestinationName,
    [property: JsonPropertyName("begndate")] DateOnly BeginDate,
    [property: JsonPropertyName("enddate")] DateOnly? EndDate,
    [property: JsonPropertyName("refl_reason")] string Reason,
    [property: JsonPropertyName("reflin_medins_no")] string? DestinationHospitalCode = null,
    [property: JsonPropertyName("reflin_medins_name")] string? DestinationHospitalName = null,
    [property: JsonPropertyName("refl_fixmedins_name")] string? ReferringInstitution = null);

public sealed record FilingView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("fil_no")] string FilingNo,
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("psn_name")] string PsnName,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("fil_type")] string FilingType,
    [property: JsonPropertyName("fil_type_name")] string FilingTypeName,
    [property: JsonPropertyName("insuplc_admdvs")] string PoolAreaCode,
    [property: JsonPropertyName("mdtrtarea_admdvs")] string DestinationCode,
    [property: JsonPropertyName("mdtrtarea_name")] string DestinationName,
    [property: JsonPropertyName("reflin_medins_no")] string? DestinationHospitalCode,
    [property: JsonPropertyName("reflin_medins_name")] string? DestinationHospitalName,
    [property: JsonPropertyName("refl_fixmedins_name")] string? ReferringInstitution,
    [property: JsonPropertyName("begndate")] DateOnly BeginDate,
    [property: JsonPropertyName("enddate")] DateOnly? EndDate,
    [property: JsonPropertyName("refl_reason")] string Reason,
    [property: JsonPropertyName("fil_stas")] string Status,
    [property: JsonPropertyName("fil_stas_name")] string StatusName,
    [property: JsonPropertyName("cancel_reason")] string? CancelReason,
    [property: JsonPropertyName("opter_name")] string CreatedBy,
    [property: JsonPropertyName("crte_time")] DateTime CreatedAt)
{
    public static FilingView Of(OutOfAreaFiling f, string personName) => new(
        f.Id, f.FilingNo, f.PsnNo, personName, f.Insutype, ((int)f.Type).ToString(CultureInfo.InvariantCulture), OutOfAreaFiling.TypeName(f.Type),
        f.PoolAreaCode, f.DestinationCode, f.DestinationName, f.DestinationHospitalCode, f.DestinationHospitalName, f.ReferringInstitution,
        f.BeginDate, f.EndDate, f.Reason, ((int)f.Status).ToString(CultureInfo.InvariantCulture), OutOfAreaFiling.StatusName(f.Status),
        f.CancelReason, f.CreatedBy, f.CreatedAt);
}

/// <summary>Error codes of the filing operations.</summary>
public static class FilingErrors
{
    public const string NotFound = "filing-not-found";
    public const string Overlap = "filing-overlap";
    public const string AlreadyCancelled = "filing-already-cancelled";
    public const string Validation = "validation-failed";
}

public sealed class FileOutOfAreaValidator : AbstractValidator<FileOutOfArea>
{
    public FileOutOfAreaValidator()
    {
        RuleFor(x => x.PsnNo).NotEmpty().WithMessage("人员编号 psn_no：不能为空").OverridePropertyName("psn_no");
        RuleFor(x => x.Insutype).Must(RegistryLookups.IsInsuranceType).WithMessage(RegistryLookups.InsutypeMessage).OverridePropertyName("insutype");
        RuleFor(x => x.FilingType).Must(t => OutOfAreaFilings.TryParseType(t, out _))
            .WithMessage("备案类别 fil_type：只能是 1（异地长期居住）、2（常驻异地工作）、3（转诊转院）或 4（临时外出就医）").OverridePropertyName("fil_type");
        RuleFor(x => x.DestinationCode).Must(c => AdminDivisionCode.TryParse(c, out _))
            .WithMessage("就医地区划 mdtrtarea_admdvs：须为 6 位有效行政区划代码（省或市）").OverridePropertyName("mdtrtarea_admdvs");
        RuleFor(x => x.DestinationName).NotEmpty().WithMessage("就医地名称 mdtrtarea_name：不能为空")
            .MaximumLength(100).WithMessage("就医地名称 mdtrtarea_name：不能超过 100 个字符").OverridePropertyName("mdtrtarea_name");
        RuleFor(x => x.BeginDate).NotEqual(default(DateOnly)).WithMessage("开始日期 begndate：不能为空").OverridePropertyName("begndate");
        RuleFor(x => x.EndDate).Must((x, end) => end is null || end >= x.BeginDate)
            .WithMessage("结束日期 enddate：不能早于开始日期").OverridePropertyName("enddate");
        RuleFor(x => x.EndDate).NotNull().When(x => x.FilingType == "4")
            .WithMessage("结束日期 enddate：临时外出就医须填写结束日期").OverridePropertyName("enddate");
        RuleFor(x => x.EndDate).Must((x, end) => end is null || end.Value < x.BeginDate.AddMonths(OutOfAreaFiling.TemporaryMaxMonths))
            .When(x => x.FilingType == "4")
            .WithMessage($"结束日期 enddate：临时外出就医备案有效期最长 {OutOfAreaFiling.TemporaryMaxMonths} 个月").OverridePropertyName("enddate");
        RuleFor(x => x.ReferringInstitution).NotEmpty().When(x => x.FilingType == "3")
            .WithMessage("转出医疗机构 refl_fixmedins_name：转诊转院须填写转出（开具转诊）的医疗机构").OverridePropertyName("refl_fixmedins_name");
        RuleFor(x => x.ReferringInstitution).MaximumLength(100).WithMessage("转出医疗机构 refl_fixmedins_name：不能超过 100 个字符").OverridePropertyName("refl_fixmedins_name");
        RuleFor(x => x.DestinationHospitalCode).MaximumLength(30).WithMessage("转往医院编号 reflin_medins_no：不能超过 30 个字符").OverridePropertyName("reflin_medins_no");
        RuleFor(x => x.DestinationHospitalName).MaximumLength(100).WithMessage("转往医院名称 reflin_medins_name：不能超过 100 个字符").OverridePropertyName("reflin_medins_name");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("备案原因 refl_reason：不能为空")
            .MaximumLength(200).WithMessage("备案原因 refl_reason：不能超过 200 个字符").OverridePropertyName("refl_reason");
    }
}

public sealed class FileOutOfAreaHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly FileOutOfAreaValidator Validator = new();

    public Task<AppResult<FilingView>> HandleAsync(FileOutOfArea command, CancellationToken ct = default) => HandleAsync(command, null, ct);

    /// <param name="caller">The institution filing through the national envelope (2501); null at the agency's counter.</param>
    public async Task<AppResult<FilingView>> HandleAsync(FileOutOfArea command, InstitutionCaller? caller, CancellationToken ct)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<FilingView>.Fail(validation.ToAppErrors().Select(e => e with { Code = FilingErrors.Validation }));
        }

        var person = await db.FindPersonAsync(command.PsnNo, ct);
        if (person is null)
        {
            return AppResult<FilingView>.Fail(RegistryLookups.PersonNotFound(command.PsnNo));
        }

        var (_, covError) = await db.CoverageAsync(person, command.Insutype, command.BeginDate, ct);
        if (covError is not null)
        {
            return AppResult<FilingView>.Fail(covError with { Message = "开始日期 begndate：备案开始日不在参保期内——" + covError.Message, Field = "begndate" });
        }

        var destination = AdminDivisionCode.Parse(command.DestinationCode);
        if (destination.Value == person.PoolAreaCode)
        {
            return AppResult<FilingView>.Fail(new AppError(FilingErrors.Validation,
                $"就医地区划 mdtrtarea_admdvs：{command.DestinationCode} 就是参保人所在统筹区，不是异地", "mdtrtarea_admdvs"));
        }

        _ = OutOfAreaFilings.TryParseType(command.FilingType, out var type); // validated above
        var existing = await db.OutOfAreaFilings.AsNoTracking()
            .Where(f => f.PersonId == person.Id && f.Status == FilingStatus.Valid).ToListAsync(ct);
        var clash = existing.FirstOrDefault(f => OutOfAreaFiling.Overlaps(f.BeginDate, f.EndDate, command.BeginDate, command.EndDate));
        if (clash is not null)
        {
            return AppResult<FilingView>.Fail(new AppError(FilingErrors.Overlap,
                $"开始日期 begndate：与有效备案 {clash.FilingNo}（{OutOfAreaFiling.TypeName(clash.Type)}，{OutOfAreaFilings.Period(clash)}）的有效期重叠，同一人员不能有两条有效期重叠的有效备案；请先撤销原备案",
                "begndate"));
        }

        var filing = new OutOfAreaFiling
        {
            FilingNo = OnlineSettlement.NewId('F', clock),
            PersonId = person.Id,
            PsnNo = person.PersonNo,
            Insutype = command.Insutype,
            Type = type,
            PoolAreaCode = person.PoolAreaCode,
            DestinationCode = destination.Value,
            DestinationName = command.DestinationName.Trim(),
            DestinationHospitalCode = Blank(command.DestinationHospitalCode),
            DestinationHospitalName = Blank(command.DestinationHospitalName),
            ReferringInstitution = Blank(command.ReferringInstitution),
            BeginDate = command.BeginDate,
            EndDate = command.EndDate,
            Reason = command.Reason.Trim(),
            CreatedBy = caller is null ? user.UserName : "定点医药机构 " + caller.FixmedinsCode,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            FiledByInstitutionId = caller?.InstitutionId,
        };
        db.OutOfAreaFilings.Add(filing);
        await db.SaveChangesAsync(ct);
        return AppResult<FilingView>.Ok(FilingView.Of(filing, person.Name));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>撤销异地就医备案 (national 2502): status 已撤销 with the reason; the filing stays.</summary>
public sealed record CancelOutOfAreaFiling(
    [property: JsonPropertyName("fil_no")] string FilingNo,
    [property: JsonPropertyName("memo")] string Reason);

public sealed class CancelOutOfAreaFilingHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public Task<AppResult<FilingView>> HandleAsync(CancelOutOfAreaFiling command, CancellationToken ct = default) => HandleAsync(command, null, ct);

    /// <param name="caller">
    /// The institution cancelling through the national envelope (2502): it sees only the filings it filed itself — any other
    /// filing answers <c>filing-not-found</c>, as if it did not exist. Null at the agency's counter (any filing).
    /// </param>
    public async Task<AppResult<FilingView>> HandleAsync(CancelOutOfAreaFiling command, InstitutionCaller? caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Trim().Length > 200)
        {
            return AppResult<FilingView>.Fail(new AppError(FilingErrors.Validation, "撤销原因 memo：不能为空，且不能超过 200 个字符", "memo"));
        }

        var key = (command.FilingNo ?? "").Trim();
        var f = await db.OutOfAreaFilings.FirstOrDefaultAsync(x => x.FilingNo == key, ct);
        if (f is null || (caller is not null && f.FiledByInstitutionId != caller.InstitutionId))
        {
            return AppResult<FilingView>.Fail(new AppError(FilingErrors.NotFound, $"备案号 fil_no：没有备案“{key}”", "fil_no"));
        }

        if (f.Status == FilingStatus.Cancelled)
        {
            return AppResult<FilingView>.Fail(new AppError(FilingErrors.AlreadyCancelled, $"备案号 fil_no：备案“{key}”已撤销", "fil_no"));
        }

        f.Status = FilingStatus.Cancelled;
        f.CancelReason = command.Reason.Trim();
        f.CancelledAt = clock.GetUtcNow().UtcDateTime;
        f.CancelledBy = caller is null ? user.UserName : "定点医药机构 " + caller.FixmedinsCode;
        await db.SaveChangesAsync(ct);
        var name = await db.Persons.Where(p => p.Id == f.PersonId).Select(p => p.Name).FirstAsync(ct);
        return AppResult<FilingView>.Ok(FilingView.Of(f, name));
    }
}
