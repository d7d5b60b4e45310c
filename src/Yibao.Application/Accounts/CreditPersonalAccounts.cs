using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Accounts;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;

namespace Yibao.Application.Accounts;

/// <summary>个人账户月度划入 for one month: every 310 在职/退休 enrollee covered in that month.</summary>
public sealed record CreditPersonalAccounts(int Year, int Month);

/// <summary>划入结果: credited now, already credited before (idempotent rerun), skipped with reasons.</summary>
public sealed record AccountCreditSummary(int Year, int Month, int InService, int Retired, decimal Total, int AlreadyCredited, int Closed, int MissingBase, int MissingPolicy);

public sealed class CreditPersonalAccountsValidator : AbstractValidator<CreditPersonalAccounts>
{
    public CreditPersonalAccountsValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("划入月份：年份须在 2000–2100 之间").OverridePropertyName("month");
        RuleFor(x => x.Month).InclusiveBetween(1, 12).WithMessage("划入月份：月份须在 1–12 之间").OverridePropertyName("month");
    }
}

/// <summary>
/// 月度划入 job. In-service (11): the policy share of their own monthly contribution (核定基数 × 个人费率, 四舍五入到分);
/// retirees (12): the policy's fixed monthly amount. Policy = the employee contribution policy of the enrollment's 统筹区
/// and the year. Idempotent per person-month (unique 业务键 credit:yyyy-MM per account and unique journal source id);
/// set-based: reads enrollments, bases, policies and existing credits in a few queries and writes in batches, each batch
/// one transaction (entries + journal entries + audit).
/// </summary>
public sealed class CreditPersonalAccountsHandler(IAppDbContext db, TimeProvider clock)
{
    private const int BatchSize = 1000;
    private static readonly CreditPersonalAccountsValidator Validator = new();

    public async Task<AppResult<AccountCreditSummary>> HandleAsync(CreditPersonalAccounts command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<AccountCreditSummary>.Fail(validation.ToAppErrors());
        }

        var first = new DateOnly(command.Year, command.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (first > clock.TodayInChina())
        {
            return AppResult<AccountCreditSummary>.Fail(new AppError("month-in-future",
                string.Create(CultureInfo.InvariantCulture, $"划入月份：{command.Year:0000}-{command.Month:00} 晚于本月"), "month"));
        }

        var key = AccountPostings.CreditKey(command.Year, command.Month);
        var year = command.Year;
        var enrollees = await db.Enrollments.AsNoTracking()
            .Where(e => e.InsuranceType == InsuranceType.EmployeeBasic
                && (e.Category == PersonCategory.InService || e.Category == PersonCategory.Retired)
                && e.BeginDate <= last && (e.EndDate == null || e.EndDate >= first)
                && e.Status != EnrollmentStatus.Suspended)
            .Select(e => new { e.PersonId, e.Category, e.PoolAreaCode })
            .ToListAsync(ct);
        var people = enrollees.GroupBy(e => e.PersonId).Select(g => g.OrderBy(e => e.Category).First()).ToList();

        var policies = (await db.EmployeeContributionPolicies.AsNoTracking().Where(p => p.Year == year).ToListAsync(ct))
            .ToDictionary(p => p.PoolAreaCode, StringComparer.Ordinal);
        var bases = (await db.ContributionBases.AsNoTracking().Where(b => b.Year == year).Select(b => new { b.PersonId, b.ApprovedBase }).ToListAsync(ct))
            .GroupBy(b => b.PersonId).ToDictionary(g => g.Key, g => g.Max(b => b.ApprovedBase));
        var accounts = (await db.PersonalAccounts.AsNoTracking().Select(a => new { a.Id, a.PersonId, a.ClosedOn }).ToListAsync(ct))
            .ToDictionary(a => a.PersonId);
        var credited = (await db.PersonalAccountEntries.AsNoTracking().Where(x => x.SourceKey == key).Select(x => x.AccountId).ToListAsync(ct)).ToHashSet();

        int inService = 0, retired = 0, already = 0, closed = 0, missingBase = 0, missingPolicy = 0;
        decimal total = 0;
        var pending = 0;
        var memo = string.Create(CultureInfo.InvariantCulture, $"{command.Year:0000}-{command.Month:00}");
        foreach (var p in people)
        {
            if (accounts.TryGetValue(p.PersonId, out var existing))
            {
                if (credited.Contains(existing.Id))
                {
                    already++;
                    continue;
                }

                if (existing.ClosedOn is not null)
                {
                    closed++;
                    continue;
                }
            }

            if (!policies.TryGetValue(p.PoolAreaCode, out var policy))
            {
                missingPolicy++;
                continue;
            }

            decimal amount;
            if (p.Category == PersonCategory.InService)
            {
                if (!bases.TryGetValue(p.PersonId, out var @base))
                {
                    missingBase++;
                    continue;
                }

                amount = policy.AccountRule.InServiceMonthly(policy.MonthlyAmounts(@base).Employee);
            }
            else
            {
                amount = policy.RetiredAccountMonthly;
            }

            if (amount <= 0)
            {
                continue;
            }

            PersonalAccountRecord record;
            if (existing is null)
            {
                record = new PersonalAccountRecord { PersonId = p.PersonId, PoolAreaCode = p.PoolAreaCode, OpenedOn = first };
                db.PersonalAccounts.Add(record);
            }
            else
            {
                record = new PersonalAccountRecord { Id = existing.Id, PersonId = p.PersonId, PoolAreaCode = p.PoolAreaCode };
                db.PersonalAccounts.Attach(record);
            }

            // Through the domain: a credit is positive, in 分, on an open account.
            var entry = new PersonalAccount(p.PersonId).Credit(first, amount, memo + (p.Category == PersonCategory.InService ? " 在职划入" : " 退休定额划入"));
            record.Record(entry, key, AccountPostings.CreditJournal(p.PersonId, entry, key));
            total += amount;
            if (p.Category == PersonCategory.InService)
            {
                inService++;
            }
            else
            {
                retired++;
            }

            if (++pending == BatchSize)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        if (pending > 0)
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return AppResult<AccountCreditSummary>.Ok(new AccountCreditSummary(command.Year, command.Month, inService, retired, total, already, closed, missingBase, missingPolicy));
    }
}
