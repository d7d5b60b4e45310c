using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Common;

namespace Yibao.Application.Accounts;

/// <summary>个人账户年度计息 for one year, dated 结息日 12-31 of that year.</summary>
public sealed record PostAccountInterest(int Year);

public sealed record AccountInterestSummary(int Year, int Accounts, decimal Total, int AlreadyPosted, int MissingPolicy);

public sealed class PostAccountInterestValidator : AbstractValidator<PostAccountInterest>
{
    public PostAccountInterestValidator() =>
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("计息年度：须在 2000–2100 之间").OverridePropertyName("year");
}

/// <summary>
/// 年度计息 job: simple interest on each open account's balance at 12-31 (PersonalAccount.AddInterest, rate = the account's
/// 统筹区 employee contribution policy of that year, 个人账户年利率). Refused before the year has ended; idempotent per
/// account-year (业务键 interest:yyyy); batches of accounts, each batch one transaction.
/// </summary>
public sealed class PostAccountInterestHandler(IAppDbContext db, TimeProvider clock)
{
    private const int BatchSize = 500;
    private static readonly PostAccountInterestValidator Validator = new();

    public async Task<AppResult<AccountInterestSummary>> HandleAsync(PostAccountInterest command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<AccountInterestSummary>.Fail(validation.ToAppErrors());
        }

        var date = new DateOnly(command.Year, 12, 31);
        if (clock.TodayInChina() < date)
        {
            return AppResult<AccountInterestSummary>.Fail(new AppError("year-not-ended",
                string.Create(CultureInfo.InvariantCulture, $"计息年度：{command.Year} 年度尚未结束（结息日 {date:yyyy-MM-dd}）"), "year"));
        }

        var key = AccountPostings.InterestKey(command.Year);
        var year = command.Year;
        var rates = (await db.EmployeeContributionPolicies.AsNoTracking().Where(p => p.Year == year)
            .Select(p => new { p.PoolAreaCode, p.AccountInterestRate }).ToListAsync(ct))
            .ToDictionary(p => p.PoolAreaCode, p => p.AccountInterestRate, StringComparer.Ordinal);
        var ids = await db.PersonalAccounts.AsNoTracking().Where(a => a.ClosedOn == null && a.OpenedOn <= date)
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var done = (await db.PersonalAccountEntries.AsNoTracking().Where(x => x.SourceKey == key).Select(x => x.AccountId).ToListAsync(ct)).ToHashSet();

        int posted = 0, already = 0, missingPolicy = 0;
        decimal total = 0;
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            var todo = chunk.Where(id => !done.Contains(id)).ToList();
            already += chunk.Length - todo.Count;
            var accounts = await db.PersonalAccounts.Include(a => a.Entries).Where(a => todo.Contains(a.Id)).ToListAsync(ct);
            foreach (var account in accounts)
            {
                if (!rates.TryGetValue(account.PoolAreaCode, out var rate))
                {
                    missingPolicy++;
                    continue;
                }

                var domain = account.ToDomain();
                if (domain.Entries.Any(e => e.Date > date))
                {
                    // Later entries exist: interest on a past year cannot be slotted in before them.
                    throw new DomainException($"计息年度：账户（人员 {account.PersonId}）已有 {date:yyyy-MM-dd} 之后的记账，不能补记 {command.Year} 年度利息")
                    { Field = "year", Code = "interest-after-later-entries" };
                }

                var entry = domain.AddInterest(date, rate);
                if (entry is null)
                {
                    continue;
                }

                account.Record(entry, key, AccountPostings.InterestJournal(account.PersonId, entry, key));
                total += entry.Amount;
                posted++;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return AppResult<AccountInterestSummary>.Ok(new AccountInterestSummary(command.Year, posted, total, already, missingPolicy));
    }
}
