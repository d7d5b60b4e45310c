using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>
/// 人员参保登记: registers a person from the ID number (birth date and gender derived; when given they must match)
/// and, optionally, their first enrollments in the same transaction.
/// </summary>
public sealed record RegisterPerson(
    string Certno,
    string Name,
    string PoolAreaCode,
    string? Gender = null,
    DateOnly? BirthDate = null,
    string? HouseholdNo = null,
    string? AreaCode = null,
    string? Phone = null,
    string? Address = null,
    IReadOnlyList<EnrollPerson>? Enrollments = null);

public sealed record RegisteredPerson(long Id, string PersonNo, IReadOnlyList<long> EnrollmentIds);

public sealed class RegisterPersonValidator : AbstractValidator<RegisterPerson>
{
    public RegisterPersonValidator()
    {
        RuleFor(x => x.Certno).Custom((v, ctx) =>
        {
            if (!ResidentId.TryParse(v, out _, out var error))
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure("certno", "证件号码：" + error) { ErrorCode = "invalid-resident-id" });
            }
        });
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("姓名：不能为空")
            .MaximumLength(50).WithMessage("姓名：不能超过 50 个字符").OverridePropertyName("psn_name");
        RuleFor(x => x.PoolAreaCode)
            .Matches("^[1-9][0-9]{5}$").WithMessage("统筹区：须为 6 位行政区划代码").OverridePropertyName("insuplc_admdvs");
        RuleFor(x => x.Gender)
            .Must(g => g is null or "1" or "2").WithMessage("性别：只能是 1（男）或 2（女）").OverridePropertyName("gend");
        RuleFor(x => x.Phone)
            .Matches("^[0-9+-]{5,20}$").When(x => !string.IsNullOrEmpty(x.Phone)).WithMessage("联系电话：只能包含数字、+ 和 -，5–20 位").OverridePropertyName("tel");
        RuleFor(x => x.AreaCode)
            .Matches("^[0-9]{12}$").When(x => !string.IsNullOrEmpty(x.AreaCode)).WithMessage("居住地区划：须为 12 位统计用区划代码").OverridePropertyName("area_code");
    }
}

public sealed class RegisterPersonHandler(IAppDbContext db, TimeProvider clock)
{
    private static readonly RegisterPersonValidator Validator = new();
    private readonly EnrollPersonValidator _enrollValidator = new();

    public async Task<AppResult<RegisteredPerson>> HandleAsync(RegisterPerson command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        var errors = validation.ToAppErrors().ToList();
        foreach (var (enroll, i) in (command.Enrollments ?? []).Select((e, i) => (e, i)))
        {
            errors.AddRange((await _enrollValidator.ValidateAsync(enroll with { Person = "-" }, ct)).ToAppErrors()
                .Select(e => e with { Message = $"第 {i + 1} 条参保信息 " + e.Message }));
        }

        if (errors.Count > 0)
        {
            return AppResult<RegisteredPerson>.Fail(errors);
        }

        var id = ResidentId.Parse(command.Certno);
        if (command.BirthDate is { } brdy && brdy != id.BirthDate)
        {
            return AppResult<RegisteredPerson>.Fail(new AppError("birth-date-mismatch",
                $"出生日期：{brdy:yyyy-MM-dd} 与证件号码中的出生日期 {id.BirthDate:yyyy-MM-dd} 不一致", "brdy"));
        }

        if (command.Gender is { } g && g != ((int)id.Gender).ToString(CultureInfo.InvariantCulture))
        {
            return AppResult<RegisteredPerson>.Fail(new AppError("gender-mismatch",
                $"性别：与证件号码第 17 位（{(id.Gender == Gender.Male ? "男" : "女")}）不一致", "gend"));
        }

        if (id.BirthDate > clock.TodayInChina())
        {
            return AppResult<RegisteredPerson>.Fail(new AppError("birth-in-future", "出生日期：证件号码中的出生日期晚于今天", "certno"));
        }

        if (await db.Persons.AnyAsync(p => p.ResidentId == id, ct))
        {
            return AppResult<RegisteredPerson>.Fail(new AppError("duplicate-person", $"证件号码：{Mask(id.Value)} 已登记，不能重复登记", "certno"));
        }

        long? householdId = null;
        if (!string.IsNullOrWhiteSpace(command.HouseholdNo))
        {
            householdId = await db.Households.Where(h => h.HouseholdNo == command.HouseholdNo).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
            if (householdId is null)
            {
                return AppResult<RegisteredPerson>.Fail(new AppError("household-not-found", $"户号：未找到户号“{command.HouseholdNo}”", "household_no"));
            }
        }

        var person = Person.FromResidentId(id, await NextPersonNoAsync(command.PoolAreaCode, ct), command.Name.Trim(), command.PoolAreaCode);
        person.HouseholdId = householdId;
        person.AreaCode = string.IsNullOrEmpty(command.AreaCode) ? null : command.AreaCode;
        person.Phone = string.IsNullOrEmpty(command.Phone) ? null : command.Phone;
        person.Address = string.IsNullOrWhiteSpace(command.Address) ? null : command.Address.Trim();
        db.Persons.Add(person);

        var coverage = new PersonCoverage(0, person.BirthDate, [], []);
        var added = new List<Enrollment>();
        foreach (var (enroll, i) in (command.Enrollments ?? []).Select((e, i) => (e, i)))
        {
            var employer = await EnrollPersonHandler.FindEmployerAsync(db, enroll.EmployerNo, ct);
            if (enroll.EmployerNo is { Length: > 0 } && employer is null)
            {
                return AppResult<RegisteredPerson>.Fail(new AppError("employer-not-found", $"第 {i + 1} 条参保信息 参保单位：未找到单位编号“{enroll.EmployerNo}”", "emp_no"));
            }

            try
            {
                var e = EnrollPersonHandler.Apply(coverage, enroll, employer, person.PoolAreaCode, clock.TodayInChina());
                e.Person = person;
                db.Enrollments.Add(e);
                added.Add(e);
            }
            catch (DomainException ex)
            {
                return AppResult<RegisteredPerson>.Fail(ex.ToAppError() with { Message = $"第 {i + 1} 条参保信息 " + ex.Message });
            }
        }

        // One save, one transaction: the person, the enrollments and their audit entries, or nothing. The unique indexes
        // on 证件号码 and 人员编号 refuse a second registration of the same person submitted at the same moment.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Persons.AnyAsync(p => p.ResidentId == id, ct)
                ? AppResult<RegisteredPerson>.Fail(new AppError("duplicate-person", $"证件号码：{Mask(id.Value)} 已登记（同时提交的另一笔登记已保存），不能重复登记", "certno"))
                : AppResult<RegisteredPerson>.Fail(new AppError("concurrent-change", "人员编号：与同时进行的另一笔登记冲突，本次未保存任何内容，请重新提交", "psn_no"));
        }

        return AppResult<RegisteredPerson>.Ok(new RegisteredPerson(person.Id, person.PersonNo, added.Select(e => e.Id).ToList()));
    }

    /// <summary>人员编号: 统筹区 + 10-digit sequence.</summary>
    private async Task<string> NextPersonNoAsync(string pool, CancellationToken ct)
    {
        var last = await db.Persons.Where(p => p.PersonNo.StartsWith(pool) && p.PersonNo.Length == 16)
            .OrderByDescending(p => p.PersonNo).Select(p => p.PersonNo).FirstOrDefaultAsync(ct);
        var next = last is null ? 1 : long.Parse(last.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture) + 1;
        return pool + next.ToString("D10", CultureInfo.InvariantCulture);
    }

    /// <summary>身份证号 110105********002X.</summary>
    public static string Mask(string certno) => certno.Length == 18 ? string.Concat(certno.AsSpan(0, 6), "********", certno.AsSpan(14)) : certno;
}
