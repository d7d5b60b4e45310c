using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Accounts;

namespace Yibao.Application.Accounts;

/// <summary>个人账户 of a person: balance (sum of entries) and entries, newest first.</summary>
public sealed record GetPersonalAccount(long PersonId);

public sealed record AccountEntryRow(DateOnly Date, AccountEntryKind Kind, string KindName, decimal Amount, decimal BalanceAfter, string Memo);

public sealed record PersonalAccountView(long PersonId, string PoolAreaCode, DateOnly OpenedOn, DateOnly? ClosedOn, decimal Balance, IReadOnlyList<AccountEntryRow> Entries);

public sealed class GetPersonalAccountHandler(IAppDbContext db)
{
    public static string KindName(AccountEntryKind kind) => kind switch
    {
        AccountEntryKind.Credit => "划入",
        AccountEntryKind.Payment => "支付",
        AccountEntryKind.FamilyShareOut => "家庭共济转出",
        AccountEntryKind.FamilyShareIn => "家庭共济转入",
        AccountEntryKind.Interest => "计息",
        AccountEntryKind.Refund => "退还",
        AccountEntryKind.TransferOut => "转出",
        AccountEntryKind.TransferIn => "转入",
        AccountEntryKind.PaymentReversal => "支付冲回",
        _ => kind.ToString(),
    };

    /// <summary>The account, or null when the person has none.</summary>
    public async Task<PersonalAccountView?> HandleAsync(GetPersonalAccount query, CancellationToken ct = default)
    {
        var account = await db.PersonalAccounts.AsNoTracking().Include(a => a.Entries).FirstOrDefaultAsync(a => a.PersonId == query.PersonId, ct);
        if (account is null)
        {
            return null;
        }

        var running = 0m;
        var rows = new List<AccountEntryRow>();
        foreach (var e in account.Entries.OrderBy(e => e.EntryDate).ThenBy(e => e.Id))
        {
            running += e.Amount;
            rows.Add(new AccountEntryRow(e.EntryDate, e.Kind, KindName(e.Kind), e.Amount, running, e.Memo));
        }

        rows.Reverse();
        return new PersonalAccountView(account.PersonId, account.PoolAreaCode, account.OpenedOn, account.ClosedOn, running, rows);
    }
}
