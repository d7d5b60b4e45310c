using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Accounts;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Accounts;

/// <summary>
/// 个人账户支付 (acct_pay) in online settlement (2206/2207 门诊、药店; 2303/2304 住院 when the policy's account rule allows).
/// The institution asks for it with <c>acct_used_flag = 1</c>. The paying account is the person's own open 职工个人账户 when
/// it has a balance, otherwise the account of an owner who registered the person for 家庭共济 on the encounter date (the
/// first such binding, oldest first, whose account has a balance). The calculator pays min(balance, personal parts the
/// policy's account rule allows); the settlement's journal entry debits 2201 个人账户结存 (职工个人账户 fund, on the
/// paying owner) against 2101 应付定点医药机构结算款, and the account gets one 支付 (or 家庭共济 naming the member) entry
/// pointing at that journal entry, in the settlement's transaction. 2208/2305/2601 put it back with one 支付冲回 entry on
/// the reversal journal entry.
/// </summary>
public sealed class AccountPayment
{
    /// <summary>The policy 险种 whose account rule applies to a 职工个人账户.</summary>
    public const string AccountInsutypeCode = "310";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly PersonalAccountRecord? _account;
    private readonly PersonalAccount? _domain;
    private readonly long _personId;
    private readonly string? _ownerName;
    private readonly string? _ownerPsnNo;

    private AccountPayment(long personId, PersonalAccountRecord? account, string? ownerName, string? ownerPsnNo)
    {
        _personId = personId;
        _account = account;
        _domain = account?.ToDomain();
        _ownerName = ownerName;
        _ownerPsnNo = ownerPsnNo;
    }

    /// <summary>Nothing paid from an account (acct_used_flag 0, or no usable account).</summary>
    public static readonly AccountPayment None = new(0, null, null, null);

    /// <summary>The balance the calculator may use (0 without an account).</summary>
    public decimal Balance => _domain?.Balance ?? 0m;

    /// <summary>险种 of the account's rule for the calculator (null without an account).</summary>
    public string? Insutype => _account is null ? null : AccountInsutypeCode;

    /// <summary>True when the account belongs to a 家庭共济 owner, not to the person.</summary>
    public bool IsFamilySharing => _account is not null && _account.PersonId != _personId;

    public static string PaymentKey(string setlId) => "pay:" + setlId;

    public static string ReversalKey(string setlId) => "pay-rev:" + setlId;

    /// <summary>
    /// Finds the paying account for a settlement of <paramref name="personId"/> on <paramref name="date"/>. When
    /// <paramref name="write"/> and a family owner's account pays, the owner is locked too (the person is locked by the caller),
    /// so two settlements cannot spend the same balance.
    /// </summary>
    public static async Task<AccountPayment> PrepareAsync(IAppDbContext db, IPersonSettlementLock personLock, long personId, DateOnly date,
        string? acctUsedFlag, bool write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personLock);
        if (acctUsedFlag != "1")
        {
            return None;
        }

        var own = await db.PersonalAccounts.Include(a => a.Entries).FirstOrDefaultAsync(a => a.PersonId == personId && a.ClosedOn == null, ct);
        if (own is not null && own.Entries.Sum(x => x.Amount) > 0)
        {
            return new AccountPayment(personId, own, null, null);
        }

        var owners = await db.FamilySharingBindings.AsNoTracking()
            .Where(b => b.MemberPersonId == personId && b.BeginDate <= date && (b.EndDate == null || b.EndDate >= date))
            .OrderBy(b => b.BeginDate).ThenBy(b => b.Id).Select(b => b.OwnerPersonId).ToListAsync(ct);
        foreach (var ownerId in owners.Distinct())
        {
            if (write)
            {
                await personLock.LockAsync(ownerId, ct);
            }

            var account = await db.PersonalAccounts.Include(a => a.Entries).FirstOrDefaultAsync(a => a.PersonId == ownerId && a.ClosedOn == null, ct);
            if (account is not null && account.Entries.Sum(x => x.Amount) > 0)
            {
                var owner = await db.Persons.AsNoTracking().Where(p => p.Id == ownerId).Select(p => new { p.Name, p.PersonNo }).FirstAsync(ct);
                return new AccountPayment(personId, account, owner.Name, owner.PersonNo);
            }
        }

        return own is null ? None : new AccountPayment(personId, own, null, null);
    }

    /// <summary>
    /// The person's own account as <see cref="PrepareAsync"/> chooses it when no 家庭共济 binding applies: the open account (with
    /// whatever balance its <see cref="PersonalAccountRecord.Entries"/> give), else <see cref="None"/>. For callers that already
    /// hold the account's entries as they stand at the settlement, e.g. the demo county's generated year of care.
    /// </summary>
    public static AccountPayment Own(PersonalAccountRecord? account) =>
        account is null || account.ClosedOn is not null ? None : new AccountPayment(account.PersonId, account, null, null);

    /// <summary>Adds the 家庭共济 line to the explanation when an owner's account pays.</summary>
    public void Explain(List<string> explanation, decimal acctPay)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        if (IsFamilySharing && acctPay > 0)
        {
            explanation.Add($"家庭共济：个人账户支付 {acctPay:0.00} 元由 {_ownerName}（{_ownerPsnNo}）的职工个人账户支付（余额 {Balance:0.00} 元）。");
        }
    }

    /// <summary>
    /// In the settlement's transaction, before its save: the account entry for <c>acct_pay</c> on <paramref name="journal"/>
    /// (the settlement's entry), whose 职工个人账户 lines are put on the paying owner. Returns the account entry (null when
    /// nothing was paid from an account).
    /// </summary>
    public PersonalAccountEntryRecord? Post(SettlementRecord settlement, JournalEntry journal)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(journal);
        if (settlement.AcctPay <= 0)
        {
            return null;
        }

        if (_account is null || _domain is null)
        {
            throw new InvalidOperationException("acct_pay without a paying account");
        }

        foreach (var line in journal.Lines.Where(l => l.Fund == FundCode.EmployeePersonalAccount))
        {
            line.PersonId = _account.PersonId;
        }

        var memo = $"结算 {settlement.SetlId}";
        var entry = IsFamilySharing
            ? _domain.ShareWithFamily(LaterOf(settlement.SetlDate), settlement.AcctPay, _personId, $"家庭共济 {settlement.PsnNo} " + memo)
            : _domain.Pay(LaterOf(settlement.SetlDate), settlement.AcctPay, "门诊/住院支付 " + memo);
        return _account.Record(entry, PaymentKey(settlement.SetlId), journal);
    }

    /// <summary>
    /// On cancellation (2208/2305, 审核员) or 冲正 (2601): puts the settlement's account payment back with one 支付冲回 entry
    /// on <paramref name="reversal"/>. Returns an error (and changes nothing) when the account has since been closed.
    /// </summary>
    public static async Task<AppError?> ReverseAsync(IAppDbContext db, IPersonSettlementLock personLock, SettlementRecord settlement, JournalEntry reversal,
        DateOnly date, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personLock);
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(reversal);
        if (settlement.AcctPay <= 0)
        {
            return null;
        }

        var key = PaymentKey(settlement.SetlId);
        var paid = await db.PersonalAccountEntries.AsNoTracking().Where(x => x.SourceKey == key).Select(x => new { x.AccountId, x.Amount, x.CounterpartPersonId }).FirstOrDefaultAsync(ct);
        if (paid is null)
        {
            return null; // settled before acct_pay was recorded on accounts
        }

        var ownerId = await db.PersonalAccounts.Where(a => a.Id == paid.AccountId).Select(a => a.PersonId).FirstAsync(ct);
        if (ownerId != settlement.PersonId)
        {
            await personLock.LockAsync(ownerId, ct);
        }

        var account = await db.PersonalAccounts.Include(a => a.Entries).FirstAsync(a => a.Id == paid.AccountId, ct);
        if (account.ClosedOn is { } closed)
        {
            return new AppError("account-closed",
                string.Create(Inv, $"个人账户：支付本结算 {-paid.Amount:0.00} 元的个人账户已于 {closed:yyyy-MM-dd} 退还或转出销户，不能冲回，不能撤销本结算"), "acct_pay");
        }

        var domain = account.ToDomain();
        var on = domain.Entries.Count > 0 && domain.Entries[^1].Date > date ? domain.Entries[^1].Date : date;
        var entry = domain.ReversePayment(on, -paid.Amount, $"撤销结算 {settlement.SetlId} 冲回", paid.CounterpartPersonId);
        account.Record(entry, ReversalKey(settlement.SetlId), reversal);
        return null;
    }

    private DateOnly LaterOf(DateOnly date) =>
        _domain!.Entries.Count > 0 && _domain.Entries[^1].Date > date ? _domain.Entries[^1].Date : date;
}
