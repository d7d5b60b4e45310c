using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Accounts;
using Yibao.Domain.Registry;

namespace Yibao.Application.Accounts;

/// <summary>
/// 登记家庭共济: the 职工个人账户 of <see cref="Owner"/> (人员编号或证件号码) may pay for <see cref="Member"/> from
/// <see cref="BeginDate"/> (to <see cref="EndDate"/>, inclusive). Relation: 1 配偶, 2 父母, 3 子女, 4 其他近亲属.
/// </summary>
public sealed record RegisterFamilySharing(string Owner, string Member, int Relation, DateOnly BeginDate, DateOnly? EndDate = null, string? ProofReference = null);

public sealed record FamilySharingRow(long Id, long OwnerPersonId, string OwnerName, string OwnerPsnNo, long MemberPersonId, string MemberName, string MemberPsnNo,
    string RelationName, bool SameHousehold, string? ProofReference, DateOnly BeginDate, DateOnly? EndDate, string? EndReason, string? CreatedBy, bool Active);

public sealed class RegisterFamilySharingValidator : AbstractValidator<RegisterFamilySharing>
{
    public RegisterFamilySharingValidator()
    {
        RuleFor(x => x.Owner).NotEmpty().WithMessage("账户所有人：请填写人员编号或证件号码").OverridePropertyName("owner_psn_no");
        RuleFor(x => x.Member).NotEmpty().WithMessage("共济人员：请填写人员编号或证件号码").OverridePropertyName("psn_no");
        RuleFor(x => x.Relation).Must(r => Enum.IsDefined(typeof(FamilyRelation), r))
            .WithMessage("共济关系：须为 配偶、父母、子女 或 其他近亲属").OverridePropertyName("relation");
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.BeginDate).When(x => x.EndDate is not null)
            .WithMessage("结束日期：不能早于开始日期").OverridePropertyName("endtime");
        RuleFor(x => x.ProofReference).MaximumLength(100).WithMessage("关系证明：不能超过 100 个字符").OverridePropertyName("proof");
    }
}

/// <summary>
/// 家庭共济绑定 by a 经办员. The owner needs an open 职工个人账户 (or a current 310 在职/退休 enrollment); the member must be
/// another person, in the owner's 家庭户 or with a relation proof document; one binding per owner–member pair at a time
/// (no overlapping periods). Audited with the staff member's name.
/// </summary>
public sealed class RegisterFamilySharingHandler(IAppDbContext db, TimeProvider clock, ICurrentUser user)
{
    private static readonly RegisterFamilySharingValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(RegisterFamilySharing command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        var owner = await db.FindPersonAsync(command.Owner.Trim(), ct);
        if (owner is null)
        {
            return AppResult<long>.Fail(new AppError("person-not-found", $"账户所有人：未找到人员编号或证件号码为“{command.Owner}”的参保人", "owner_psn_no"));
        }

        var member = await db.FindPersonAsync(command.Member.Trim(), ct);
        if (member is null)
        {
            return AppResult<long>.Fail(new AppError("person-not-found", $"共济人员：未找到人员编号或证件号码为“{command.Member}”的参保人", "psn_no"));
        }

        if (owner.Id == member.Id)
        {
            return AppResult<long>.Fail(new AppError("share-with-self", "共济人员：不能是账户所有人本人", "psn_no"));
        }

        var today = clock.TodayInChina();
        var account = await db.PersonalAccounts.AsNoTracking().Where(a => a.PersonId == owner.Id).Select(a => new { a.ClosedOn }).FirstOrDefaultAsync(ct);
        if (account?.ClosedOn is { } closed)
        {
            return AppResult<long>.Fail(new AppError("account-closed",
                string.Create(CultureInfo.InvariantCulture, $"账户所有人：{owner.Name}（{owner.PersonNo}）的职工个人账户已于 {closed:yyyy-MM-dd} 退还或转出销户"), "owner_psn_no"));
        }

        if (account is null)
        {
            var employee = await db.Enrollments.AsNoTracking().AnyAsync(e => e.PersonId == owner.Id && e.InsuranceType == InsuranceType.EmployeeBasic
                && (e.Category == PersonCategory.InService || e.Category == PersonCategory.Retired) && (e.EndDate == null || e.EndDate >= today), ct);
            if (!employee)
            {
                return AppResult<long>.Fail(new AppError("no-account", $"账户所有人：{owner.Name}（{owner.PersonNo}）没有职工个人账户（须参加职工基本医疗保险 310 在职或退休）", "owner_psn_no"));
            }
        }

        var sameHousehold = owner.HouseholdId is not null && owner.HouseholdId == member.HouseholdId;
        var proof = string.IsNullOrWhiteSpace(command.ProofReference) ? null : command.ProofReference.Trim();
        if (!sameHousehold && proof is null)
        {
            return AppResult<long>.Fail(new AppError("relation-not-proven",
                $"关系证明：{member.Name} 与 {owner.Name} 不在同一家庭户，须填写关系证明（如结婚证、出生医学证明、户口簿的名称与编号）", "proof"));
        }

        var begin = command.BeginDate;
        var end = command.EndDate;
        var overlapping = await db.FamilySharingBindings.AsNoTracking().AnyAsync(b => b.OwnerPersonId == owner.Id && b.MemberPersonId == member.Id
            && (b.EndDate == null || b.EndDate >= begin) && (end == null || b.BeginDate <= end), ct);
        if (overlapping)
        {
            return AppResult<long>.Fail(new AppError("binding-overlap", $"开始日期：{owner.Name} 与 {member.Name} 在该期间已有家庭共济绑定，请先结束原绑定", "begntime"));
        }

        var binding = new FamilySharingBinding
        {
            OwnerPersonId = owner.Id,
            MemberPersonId = member.Id,
            Relation = (FamilyRelation)command.Relation,
            SameHousehold = sameHousehold,
            ProofReference = proof,
            BeginDate = begin,
            EndDate = end,
            CreatedBy = user.UserName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.FamilySharingBindings.Add(binding);
        await db.SaveChangesAsync(ct);
        return AppResult<long>.Ok(binding.Id);
    }
}

/// <summary>结束家庭共济: the last day the owner's account may pay for the member, with a reason.</summary>
public sealed record EndFamilySharing(long BindingId, DateOnly EndDate, string Reason);

public sealed class EndFamilySharingHandler(IAppDbContext db)
{
    public async Task<AppResult<bool>> HandleAsync(EndFamilySharing command, CancellationToken ct = default)
    {
        var reason = (command.Reason ?? "").Trim();
        if (reason.Length == 0)
        {
            return AppResult<bool>.Fail(new AppError("validation-failed", "结束原因：不能为空", "reason"));
        }

        if (reason.Length > 200)
        {
            return AppResult<bool>.Fail(new AppError("validation-failed", "结束原因：不能超过 200 个字符", "reason"));
        }

        var b = await db.FamilySharingBindings.FirstOrDefaultAsync(x => x.Id == command.BindingId, ct);
        if (b is null)
        {
            return AppResult<bool>.Fail(new AppError("not-found", "家庭共济：绑定不存在", "id"));
        }

        if (b.EndDate is { } ended && ended <= command.EndDate)
        {
            return AppResult<bool>.Fail(new AppError("already-ended",
                string.Create(CultureInfo.InvariantCulture, $"结束日期：该绑定已于 {ended:yyyy-MM-dd} 结束"), "endtime"));
        }

        if (command.EndDate < b.BeginDate.AddDays(-1))
        {
            return AppResult<bool>.Fail(new AppError("validation-failed",
                string.Create(CultureInfo.InvariantCulture, $"结束日期：不能早于开始日期 {b.BeginDate:yyyy-MM-dd} 的前一天"), "endtime"));
        }

        b.EndDate = command.EndDate;
        b.EndReason = reason;
        await db.SaveChangesAsync(ct);
        return AppResult<bool>.Ok(true);
    }
}

/// <summary>The 家庭共济 bindings a person is in, as owner or as member, newest first.</summary>
public sealed record ListFamilySharing(long PersonId);

public sealed class ListFamilySharingHandler(IAppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<FamilySharingRow>> HandleAsync(ListFamilySharing query, CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        var rows = await db.FamilySharingBindings.AsNoTracking()
            .Where(b => b.OwnerPersonId == query.PersonId || b.MemberPersonId == query.PersonId)
            .Join(db.Persons, b => b.OwnerPersonId, p => p.Id, (b, o) => new { b, OwnerName = o.Name, OwnerNo = o.PersonNo })
            .Join(db.Persons, x => x.b.MemberPersonId, p => p.Id, (x, m) => new { x.b, x.OwnerName, x.OwnerNo, MemberName = m.Name, MemberNo = m.PersonNo })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.b.BeginDate).ThenByDescending(r => r.b.Id)
            .Select(r => new FamilySharingRow(r.b.Id, r.b.OwnerPersonId, r.OwnerName, r.OwnerNo, r.b.MemberPersonId, r.MemberName, r.MemberNo,
                FamilySharingBinding.RelationName(r.b.Relation), r.b.SameHousehold, r.b.ProofReference, r.b.BeginDate, r.b.EndDate, r.b.EndReason, r.b.CreatedBy,
                r.b.IsEffectiveOn(today)))
            .ToList();
    }
}
