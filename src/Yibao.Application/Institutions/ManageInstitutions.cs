using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Institutions;

/// <summary>定点医药机构查询: by code or name (contains), type and status; paged by code.</summary>
public sealed record SearchInstitutions(string? Keyword = null, InstitutionType? Type = null, AgreementStatus? Status = null, int Page = 1, int PageSize = 20);

public sealed class SearchInstitutionsHandler(IAppDbContext db)
{
    public async Task<PagedList<Institution>> HandleAsync(SearchInstitutions query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var q = Filter(query);
        var total = await q.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await q.OrderBy(i => i.Code).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<Institution>(rows, page, pageSize, total);
    }

    public async Task<IReadOnlyList<Institution>> ExportAsync(SearchInstitutions query, CancellationToken ct = default) =>
        await Filter(query).OrderBy(i => i.Code).Take(50_000).ToListAsync(ct);

    private IQueryable<Institution> Filter(SearchInstitutions query)
    {
        var q = db.Institutions.AsNoTracking();
        var k = (query.Keyword ?? "").Trim();
        if (k.Length > 0)
        {
            q = q.Where(i => i.Code == k || i.Name.Contains(k));
        }

        if (query.Type is { } t)
        {
            q = q.Where(i => i.Type == t);
        }

        if (query.Status is { } s)
        {
            q = q.Where(i => i.Status == s);
        }

        return q;
    }
}

/// <summary>新增/修改定点医药机构 (系统管理员). <see cref="Id"/> null creates; a status other than 正常 requires a reason.</summary>
public sealed record SaveInstitution(
    long? Id,
    string Code,
    string Name,
    InstitutionType Type,
    InstitutionLevel Level,
    string PoolAreaCode,
    string? Address,
    DateOnly? AgreementStart,
    DateOnly? AgreementEnd,
    AgreementStatus Status,
    string? StatusReason);

public sealed class SaveInstitutionValidator : AbstractValidator<SaveInstitution>
{
    public SaveInstitutionValidator()
    {
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("机构编号：不能为空")
            .Matches("^[A-Za-z0-9]{4,20}$").WithMessage("机构编号：须为 4–20 位字母或数字").OverridePropertyName("Code");
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("机构名称：不能为空")
            .MaximumLength(200).WithMessage("机构名称：不能超过 200 个字符").OverridePropertyName("Name");
        RuleFor(x => x.Type).IsInEnum().WithMessage("机构类型：须为 医院、基层医疗机构、村卫生室 或 零售药店").OverridePropertyName("Type");
        RuleFor(x => x.Level).IsInEnum().WithMessage("机构等级：须为 未定级、一级、二级 或 三级").OverridePropertyName("Level");
        RuleFor(x => x.PoolAreaCode).Must(c => AdminDivisionCode.TryParse(c, out _)).WithMessage("统筹区：须为 6 位有效的行政区划代码").OverridePropertyName("PoolAreaCode");
        RuleFor(x => x.Address).MaximumLength(200).WithMessage("地址：不能超过 200 个字符").OverridePropertyName("Address");
        RuleFor(x => x.AgreementStart).NotNull().WithMessage("协议开始日期：不能为空").OverridePropertyName("AgreementStart");
        RuleFor(x => x.AgreementEnd).Cascade(CascadeMode.Stop).NotNull().WithMessage("协议结束日期：不能为空")
            .GreaterThan(x => x.AgreementStart).When(x => x.AgreementStart is not null).WithMessage("协议结束日期：须晚于协议开始日期").OverridePropertyName("AgreementEnd");
        RuleFor(x => x.Status).IsInEnum().WithMessage("协议状态：须为 正常、暂停 或 解除").OverridePropertyName("Status");
        RuleFor(x => x.StatusReason).NotEmpty().When(x => x.Status != AgreementStatus.Active).WithMessage("暂停/解除原因：协议状态为暂停或解除时必须填写原因").OverridePropertyName("StatusReason");
        RuleFor(x => x.StatusReason).MaximumLength(200).WithMessage("暂停/解除原因：不能超过 200 个字符").OverridePropertyName("StatusReason");
    }
}

public sealed class SaveInstitutionHandler(IAppDbContext db)
{
    private static readonly SaveInstitutionValidator Validator = new();

    public async Task<AppResult<Institution>> HandleAsync(SaveInstitution command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<Institution>.Fail(validation.ToAppErrors());
        }

        var code = command.Code.Trim().ToUpperInvariant();
        Institution inst;
        if (command.Id is { } id)
        {
            var found = await db.Institutions.FirstOrDefaultAsync(i => i.Id == id, ct);
            if (found is null)
            {
                return AppResult<Institution>.Fail(new AppError("institution-not-found", $"定点医药机构：编号为 {id} 的机构不存在", "Id"));
            }

            inst = found;
        }
        else
        {
            inst = new Institution { Code = code, Name = "", PoolAreaCode = "" };
            db.Institutions.Add(inst);
        }

        if (!string.Equals(inst.Code, code, StringComparison.Ordinal) || command.Id is null)
        {
            if (await db.Institutions.AnyAsync(i => i.Code == code && i.Id != inst.Id, ct))
            {
                db.ChangeTracker.Clear();
                return AppResult<Institution>.Fail(new AppError("duplicate-institution", $"机构编号：“{code}”已被其他机构使用", "Code"));
            }
        }

        inst.Code = code;
        inst.Name = command.Name.Trim();
        inst.Type = command.Type;
        inst.Level = command.Level;
        inst.PoolAreaCode = command.PoolAreaCode.Trim();
        inst.Address = string.IsNullOrWhiteSpace(command.Address) ? null : command.Address.Trim();
        inst.AgreementStart = command.AgreementStart;
        inst.AgreementEnd = command.AgreementEnd;
        inst.Status = command.Status;
        inst.StatusReason = command.Status == AgreementStatus.Active || string.IsNullOrWhiteSpace(command.StatusReason) ? null : command.StatusReason.Trim();
        await db.SaveChangesAsync(ct);
        return AppResult<Institution>.Ok(inst);
    }
}

public static class InstitutionNames
{
    public static string Of(InstitutionType t) => t switch
    {
        InstitutionType.Hospital => "医院",
        InstitutionType.PrimaryCare => "基层医疗机构",
        InstitutionType.VillageClinic => "村卫生室",
        InstitutionType.Pharmacy => "零售药店",
        _ => "未知",
    };

    public static string Of(InstitutionLevel l) => l switch
    {
        InstitutionLevel.Unrated => "未定级",
        InstitutionLevel.First => "一级",
        InstitutionLevel.Second => "二级",
        InstitutionLevel.Third => "三级",
        _ => "未知",
    };

    public static string Of(AgreementStatus s) => s switch
    {
        AgreementStatus.Active => "正常",
        AgreementStatus.Suspended => "暂停",
        AgreementStatus.Terminated => "解除",
        _ => "未知",
    };
}
