using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Accounts;
using Yibao.Domain.Funds;

namespace Yibao.Application.Accounts;

/// <summary>
/// The balanced journal entries behind every personal-account movement. The account's subsidiary ledger is
/// 2201 个人账户结存 in the 职工个人账户 fund (one line per person): its credit balance equals the account balance.
/// <list type="bullet">
/// <item>划入: 统筹基金 借 划入个人账户支出 / 贷 银行存款; 个人账户 借 银行存款 / 贷 个人账户结存.</item>
/// <item>计息: 个人账户 借 个人账户计息支出 / 贷 个人账户结存.</item>
/// <item>退还/转出: 个人账户 借 个人账户结存 / 贷 银行存款（支出户）.</item>
/// </list>
/// </summary>
public static class AccountPostings
{
    public const string CreditSource = "account-credit";
    public const string InterestSource = "account-interest";
    public const string RefundSource = "account-refund";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string CreditKey(int year, int month) => string.Create(Inv, $"credit:{year:0000}-{month:00}");

    public static string InterestKey(int year) => string.Create(Inv, $"interest:{year:0000}");

    public static JournalEntry CreditJournal(long personId, AccountEntry e, string key) =>
        JournalEntry.Create(e.Date, $"个人账户划入 {e.Memo}", CreditSource, string.Create(Inv, $"{personId}:{key}"),
        [
            JournalLine.Dr(FundCode.EmployeePool, LedgerAccounts.AccountTransferExpense, e.Amount, personId),
            JournalLine.Cr(FundCode.EmployeePool, LedgerAccounts.BankIncome, e.Amount, personId),
            JournalLine.Dr(FundCode.EmployeePersonalAccount, LedgerAccounts.BankIncome, e.Amount, personId),
            JournalLine.Cr(FundCode.EmployeePersonalAccount, LedgerAccounts.PersonalAccountBalance, e.Amount, personId),
        ]);

    public static JournalEntry InterestJournal(long personId, AccountEntry e, string key) =>
        JournalEntry.Create(e.Date, $"个人账户{e.Memo}", InterestSource, string.Create(Inv, $"{personId}:{key}"),
        [
            JournalLine.Dr(FundCode.EmployeePersonalAccount, LedgerAccounts.AccountInterestExpense, e.Amount, personId),
            JournalLine.Cr(FundCode.EmployeePersonalAccount, LedgerAccounts.PersonalAccountBalance, e.Amount, personId),
        ]);

    public static JournalEntry RefundJournal(long personId, AccountEntry e, string key) =>
        JournalEntry.Create(e.Date, $"个人账户{e.Memo}", RefundSource, string.Create(Inv, $"{personId}:{key}"),
        [
            JournalLine.Dr(FundCode.EmployeePersonalAccount, LedgerAccounts.PersonalAccountBalance, -e.Amount, personId),
            JournalLine.Cr(FundCode.EmployeePersonalAccount, LedgerAccounts.BankExpenditure, -e.Amount, personId),
        ]);

    /// <summary>
    /// 退还 (死亡) or 转出 of the whole balance when the person's 310 enrollment ends; called by the terminate and transfer-out
    /// use cases before their single save. Does nothing when the person has no account or it is already closed.
    /// An empty account is closed without a journal entry.
    /// </summary>
    public static async Task<Func<PersonalAccountEntryRecord?>> PrepareCloseAsync(IAppDbContext db, long personId, DateOnly date, bool transfer, string detail, CancellationToken ct)
    {
        var account = await db.PersonalAccounts.Include(a => a.Entries).FirstOrDefaultAsync(a => a.PersonId == personId, ct);
        return () =>
        {
            if (account is null || account.ClosedOn is not null)
            {
                return null;
            }

            var domain = account.ToDomain();
            var lastDate = domain.Entries.Count > 0 ? domain.Entries[^1].Date : date;
            var on = date < lastDate ? lastDate : date;
            if (domain.Balance == 0)
            {
                account.ClosedOn = on;
                return null;
            }

            var entry = transfer ? domain.TransferOut(on, detail) : domain.Refund(on, detail);
            var key = transfer ? "transfer-out" : "refund";
            return account.Record(entry, key, RefundJournal(personId, entry, key));
        };
    }
}
