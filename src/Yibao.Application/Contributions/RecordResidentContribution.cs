using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;

namespace Yibao.Application.Contributions;

/// <summary>
/// 居民缴费到账: records a person's individual contribution for a coverage year. Policy data decides the split
/// (本人缴纳 / 医疗救助代缴 by special status) and the fiscal subsidy; the same transaction posts a balanced entry in the
/// 居民医保基金 (and in the 医疗救助基金 for 代缴) and sets the 390 enrollment's first contribution date.
/// </summary>
public sealed record RecordResidentContribution(string Person, int Year, DateOnly PaidOn, string ReceiptNo);

public sealed record RecordedResidentContribution(long Id, decimal Individual, decimal Sponsored, decimal PaidByPerson, decimal Subsidy, long JournalEntryId);

public sealed class RecordResidentContributionValidator : AbstractValidator<RecordResidentContribution>
{
    public RecordResidentContributionValidator()
    {
        RuleFor(x => x.Person).NotEmpty().WithMessage("人员：请填写人员编号或证件号码").OverridePropertyName("psn_no");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("缴费年度：须在 2000–2100 之间").OverridePropertyName("year");
        RuleFor(x => x.ReceiptNo).NotEmpty().WithMessage("票据号：不能为空").MaximumLength(40).WithMessage("票据号：不能超过 40 个字符").OverridePropertyName("receipt_no");
    }
}

public sealed class RecordResidentContributionHandler(IAppDbContext db, TimeProvider clock)
{
    public const string SourceType = "resident-contribution";
    private static readonly RecordResidentContributionValidator Validator = new();

    public async Task<AppResult<RecordedResidentContribution>> HandleAsync(RecordResidentContribution command, CancellationToken ct = default)
    {
        static AppResult<RecordedResidentContribution> Fail(string code, string message, string field) =>
            AppResult<RecordedResidentContribution>.Fail(new AppError(code, message, field));

        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<RecordedResidentContribution>.Fail(validation.ToAppErrors());
        }

        if (command.PaidOn > clock.TodayInChina())
        {
            return Fail("date-in-future", $"到账日期：{command.PaidOn:yyyy-MM-dd} 晚于今天", "paid_on");
        }

        var person = await db.FindPersonAsync(command.Person, ct);
        if (person is null)
        {
            return AppResult<RecordedResidentContribution>.Fail(RegistryLookups.PersonNotFound(command.Person));
        }

        var receipt = command.ReceiptNo.Trim();
        var existing = await db.ResidentContributions.FirstOrDefaultAsync(c => c.PersonId == person.Id && c.Year == command.Year, ct);
        if (existing is not null)
        {
            return existing.ReceiptNo == receipt
                ? AppResult<RecordedResidentContribution>.Ok(View(existing)) // retried request: same answer, nothing posted twice
                : Fail("duplicate-contribution", $"缴费年度：{person.Name} {command.Year} 年度的个人缴费已登记（票据号 {existing.ReceiptNo}），不能重复缴费", "year");
        }

        var policy = await db.ResidentContributionPolicies.AsNoTracking().Include(p => p.Sponsored)
            .FirstOrDefaultAsync(p => p.PoolAreaCode == person.PoolAreaCode && p.Year == command.Year, ct);
        if (policy is null)
        {
            return Fail("policy-missing", $"筹资标准：统筹区 {person.PoolAreaCode} 未设置 {command.Year} 年度居民医保筹资标准", "year");
        }

        var yearStart = new DateOnly(command.Year, 1, 1);
        var enrollment = await db.Enrollments.Include(e => e.Events)
            .Where(e => e.PersonId == person.Id && e.InsuranceType == InsuranceType.ResidentBasic && e.BeginDate <= new DateOnly(command.Year, 12, 31))
            .OrderByDescending(e => e.BeginDate).FirstOrDefaultAsync(ct);
        if (enrollment is null || (enrollment.EndDate is { } end && end < yearStart))
        {
            return Fail("not-enrolled", $"参保登记：{person.Name}在 {command.Year} 年度没有城乡居民基本医疗保险（390）参保记录，请先办理参保登记", "insutype");
        }

        var statuses = await db.PersonSpecialStatuses.AsNoTracking().Where(s => s.PersonId == person.Id).ToListAsync(ct);
        var probe = command.PaidOn > yearStart ? command.PaidOn : yearStart;
        var split = policy.SplitFor(statuses.Where(s => s.IsActiveOn(command.PaidOn) || s.IsActiveOn(probe)).Select(s => s.Type));

        var lines = new List<JournalLine>();
        var received = split.PaidByPerson + split.Sponsored;
        if (received > 0)
        {
            lines.Add(JournalLine.Dr(FundCode.ResidentPool, LedgerAccounts.BankIncome, received, person.Id));
            lines.Add(JournalLine.Cr(FundCode.ResidentPool, LedgerAccounts.ContributionIncome, received, person.Id));
        }

        if (split.Sponsored > 0)
        {
            lines.Add(JournalLine.Dr(FundCode.MedicalAssistance, LedgerAccounts.SponsoredContributionExpense, split.Sponsored, person.Id));
            lines.Add(JournalLine.Cr(FundCode.MedicalAssistance, LedgerAccounts.BankIncome, split.Sponsored, person.Id));
        }

        if (split.Subsidy > 0)
        {
            lines.Add(JournalLine.Dr(FundCode.ResidentPool, LedgerAccounts.SubsidyReceivable, split.Subsidy, person.Id));
            lines.Add(JournalLine.Cr(FundCode.ResidentPool, LedgerAccounts.SubsidyIncome, split.Subsidy, person.Id));
        }

        var memo = split.Sponsored > 0
            ? $"{command.Year} 年度居民医保缴费（{RegistryNames.Of(split.SponsoredFor!.Value)}医疗救助代缴 {split.Sponsored:0.00} 元）"
            : $"{command.Year} 年度居民医保缴费";
        var entry = JournalEntry.Create(command.PaidOn, memo, SourceType, $"{person.PersonNo}/{command.Year}", lines);
        var contribution = new ResidentContribution
        {
            PersonId = person.Id,
            PoolAreaCode = person.PoolAreaCode,
            Year = command.Year,
            IndividualAmount = split.Individual,
            SponsoredAmount = split.Sponsored,
            PaidByPerson = split.PaidByPerson,
            SubsidyAmount = split.Subsidy,
            SponsoredFor = split.SponsoredFor,
            PaidOn = command.PaidOn,
            ReceiptNo = receipt,
            JournalEntry = entry,
        };
        enrollment.FirstContributionDate ??= command.PaidOn;

        // One save, one transaction: the contribution, its ledger entry, the enrollment change and the audit entries.
        db.ResidentContributions.Add(contribution);
        await db.SaveChangesAsync(ct);
        return AppResult<RecordedResidentContribution>.Ok(View(contribution));
    }

    private static RecordedResidentContribution View(ResidentContribution c) =>
        new(c.Id, c.IndividualAmount, c.SponsoredAmount, c.PaidByPerson, c.SubsidyAmount, c.JournalEntryId);
}
