using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;

namespace Yibao.Application.Contributions;

/// <summary>
/// 灵活就业人员缴费: the person (310, 灵活就业) pays one month himself on a base chosen within floor/ceiling, at the
/// policy's 灵活就业 rate; posts a balanced entry in the 职工统筹基金 in the same transaction.
/// </summary>
public sealed record RecordFlexibleContribution(string Person, int Period, decimal ChosenBase, DateOnly PaidOn, string ReceiptNo);

public sealed record RecordedFlexibleContribution(long Id, decimal Amount, long JournalEntryId);

public sealed class RecordFlexibleContributionValidator : AbstractValidator<RecordFlexibleContribution>
{
    public RecordFlexibleContributionValidator()
    {
        RuleFor(x => x.Person).NotEmpty().WithMessage("人员：请填写人员编号或证件号码").OverridePropertyName("psn_no");
        RuleFor(x => x.Period).Must(p => ContributionPeriod.Year(p) is >= 2000 and <= 2100 && ContributionPeriod.Month(p) is >= 1 and <= 12)
            .WithMessage("所属期：须为 yyyy-MM 格式的月份").OverridePropertyName("month");
        RuleFor(x => x.ChosenBase).GreaterThan(0).WithMessage("缴费基数：须大于 0").OverridePropertyName("clct_base");
        RuleFor(x => x.ChosenBase).Must(v => decimal.Round(v, 2) == v).WithMessage("缴费基数：须精确到分").OverridePropertyName("clct_base");
        RuleFor(x => x.ReceiptNo).NotEmpty().WithMessage("票据号：不能为空").MaximumLength(40).WithMessage("票据号：不能超过 40 个字符").OverridePropertyName("receipt_no");
    }
}

public sealed class RecordFlexibleContributionHandler(IAppDbContext db, TimeProvider clock)
{
    public const string SourceType = ContributionPostings.FlexibleContributionSource;
    private static readonly RecordFlexibleContributionValidator Validator = new();

    public async Task<AppResult<RecordedFlexibleContribution>> HandleAsync(RecordFlexibleContribution command, CancellationToken ct = default)
    {
        static AppResult<RecordedFlexibleContribution> Fail(string code, string message, string field) =>
            AppResult<RecordedFlexibleContribution>.Fail(new AppError(code, message, field));

        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<RecordedFlexibleContribution>.Fail(validation.ToAppErrors());
        }

        if (command.PaidOn > clock.TodayInChina())
        {
            return Fail("date-in-future", $"缴费日期：{command.PaidOn:yyyy-MM-dd} 晚于今天", "paid_on");
        }

        var person = await db.FindPersonAsync(command.Person, ct);
        if (person is null)
        {
            return AppResult<RecordedFlexibleContribution>.Fail(RegistryLookups.PersonNotFound(command.Person));
        }

        var receipt = command.ReceiptNo.Trim();
        var existing = await db.FlexibleContributions.AsNoTracking().FirstOrDefaultAsync(f => f.ReceiptNo == receipt || (f.PersonId == person.Id && f.Period == command.Period), ct);
        if (existing is not null)
        {
            return existing.ReceiptNo == receipt && existing.PersonId == person.Id && existing.Period == command.Period
                ? AppResult<RecordedFlexibleContribution>.Ok(new(existing.Id, existing.Amount, existing.JournalEntryId)) // retried request
                : existing.ReceiptNo == receipt
                    ? Fail("duplicate-receipt", $"票据号：{receipt} 已用于另一笔缴费", "receipt_no")
                    : Fail("duplicate-month", $"所属期：{person.Name} {ContributionPeriod.Format(command.Period)} 的灵活就业缴费已登记（票据号 {existing.ReceiptNo}）", "month");
        }

        var first = ContributionPeriod.FirstDay(command.Period);
        var last = ContributionPeriod.LastDay(command.Period);
        var enrolled = await db.Enrollments.AnyAsync(e => e.PersonId == person.Id && e.InsuranceType == InsuranceType.EmployeeBasic
            && e.Category == PersonCategory.FlexibleEmployed && e.BeginDate <= last && (e.EndDate == null || e.EndDate >= first), ct);
        if (!enrolled)
        {
            return Fail("not-flexible", $"参保登记：{person.Name}在 {ContributionPeriod.Format(command.Period)} 没有以灵活就业人员身份参加职工基本医疗保险（310）", "psn_type");
        }

        var policy = await db.EmployeeContributionPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.PoolAreaCode == person.PoolAreaCode && p.Year == first.Year, ct);
        if (policy is null)
        {
            return Fail("policy-missing", $"所属期：统筹区 {person.PoolAreaCode} 未设置 {first.Year} 年度职工医保缴费标准", "month");
        }

        if (policy.FlexibleRate <= 0)
        {
            return Fail("policy-missing", $"灵活就业费率：统筹区 {person.PoolAreaCode} {first.Year} 年度缴费标准未设置灵活就业费率", "flex_rate");
        }

        decimal amount;
        try
        {
            amount = policy.FlexibleMonthly(command.ChosenBase);
        }
        catch (DomainException ex)
        {
            return AppResult<RecordedFlexibleContribution>.Fail(ex.ToAppError());
        }

        var entry = ContributionPostings.FlexibleContribution(person.Id, person.PersonNo, command.Period, amount, command.PaidOn, receipt);
        var row = new FlexibleContribution
        {
            PersonId = person.Id, PoolAreaCode = person.PoolAreaCode, Period = command.Period, Base = command.ChosenBase, Rate = policy.FlexibleRate,
            Amount = amount, PaidOn = command.PaidOn, ReceiptNo = receipt, JournalEntry = entry,
        };
        db.FlexibleContributions.Add(row);
        await db.SaveChangesAsync(ct);
        return AppResult<RecordedFlexibleContribution>.Ok(new(row.Id, row.Amount, row.JournalEntryId));
    }
}
