using Yibao.Domain.Common;

namespace Yibao.Domain.Accounts;

/// <summary>个人账户记账类型.</summary>
public enum AccountEntryKind
{
    /// <summary>划入（在职：本人缴费；退休：定额）.</summary>
    Credit = 1,
    /// <summary>支付（门诊、药店）.</summary>
    Payment = 2,
    /// <summary>家庭共济转出.</summary>
    FamilyShareOut = 3,
    /// <summary>家庭共济转入（for the family member's account, when it exists).</summary>
    FamilyShareIn = 4,
    /// <summary>计息.</summary>
    Interest = 5,
    /// <summary>退还（死亡、出国定居等）.</summary>
    Refund = 6,
    /// <summary>转出（随参保关系转移）.</summary>
    TransferOut = 7,
    /// <summary>转入.</summary>
    TransferIn = 8,
    /// <summary>支付冲回 (结算撤销/冲正 restores an earlier 支付 or 家庭共济 payment).</summary>
    PaymentReversal = 9,
}

/// <summary>个人账户记账: a signed movement (positive in, negative out), never changed afterwards.</summary>
public sealed record AccountEntry(DateOnly Date, AccountEntryKind Kind, decimal Amount, string Memo, long? CounterpartPersonId = null);

/// <summary>
/// 职工个人账户: the balance is the sum of the entries and can never go negative; every movement is an entry.
/// Closed accounts (退还/转出 of the whole balance) accept no more entries.
/// </summary>
public sealed class PersonalAccount
{
    private readonly List<AccountEntry> _entries = [];

    public PersonalAccount(long personId, IEnumerable<AccountEntry>? entries = null)
    {
        PersonId = personId;
        foreach (var e in entries ?? [])
        {
            _entries.Add(e);
            Balance += e.Amount;
        }
    }

    public long PersonId { get; }

    public decimal Balance { get; private set; }

    public IReadOnlyList<AccountEntry> Entries => _entries;

    public bool IsClosed => _entries.Count > 0 && _entries[^1].Kind is AccountEntryKind.Refund or AccountEntryKind.TransferOut;

    public AccountEntry Credit(DateOnly date, decimal amount, string memo) => Add(date, AccountEntryKind.Credit, Positive(amount), memo);

    public AccountEntry TransferIn(DateOnly date, decimal amount, string memo) => Add(date, AccountEntryKind.TransferIn, Positive(amount), memo);

    /// <summary>支付 from the account; refused when the balance is not enough.</summary>
    public AccountEntry Pay(DateOnly date, decimal amount, string memo) => Add(date, AccountEntryKind.Payment, -Positive(amount), memo);

    /// <summary>家庭共济: pays for a registered family member (the member must be registered as such by the caller).</summary>
    public AccountEntry ShareWithFamily(DateOnly date, decimal amount, long familyMemberPersonId, string memo)
    {
        if (familyMemberPersonId == PersonId)
        {
            throw new DomainException("共济对象：不能是本人") { Field = "psn_no", Code = "share-with-self" };
        }

        return Add(date, AccountEntryKind.FamilyShareOut, -Positive(amount), memo, familyMemberPersonId);
    }

    /// <summary>
    /// 支付冲回: an earlier 支付 (or 家庭共济 payment for <paramref name="familyMemberPersonId"/>) is undone because its settlement
    /// was cancelled (2208/2305) or reversed (2601); a new positive entry, the original stays.
    /// </summary>
    public AccountEntry ReversePayment(DateOnly date, decimal amount, string memo, long? familyMemberPersonId = null) =>
        Add(date, AccountEntryKind.PaymentReversal, Positive(amount), memo, familyMemberPersonId);

    /// <summary>计息: simple annual interest on the balance at the interest date, rounded to 分 (四舍五入).</summary>
    public AccountEntry? AddInterest(DateOnly date, decimal annualRate)
    {
        if (annualRate is < 0 or > 0.2m)
        {
            throw new DomainException("计息利率：须在 0–20% 之间") { Field = "rate", Code = "invalid-rate" };
        }

        var interest = decimal.Round(Balance * annualRate, 2, MidpointRounding.AwayFromZero);
        return interest == 0 ? null : Add(date, AccountEntryKind.Interest, interest, $"{date.Year} 年度计息");
    }

    /// <summary>退还 the whole balance (死亡、出国定居) and close the account.</summary>
    public AccountEntry Refund(DateOnly date, string reason) => Add(date, AccountEntryKind.Refund, -Balance, "退还：" + reason);

    /// <summary>转出 the whole balance with the enrollment and close the account.</summary>
    public AccountEntry TransferOut(DateOnly date, string toArea) => Add(date, AccountEntryKind.TransferOut, -Balance, "转出至 " + toArea);

    public decimal BalanceOn(DateOnly date) => _entries.Where(e => e.Date <= date).Sum(e => e.Amount);

    private AccountEntry Add(DateOnly date, AccountEntryKind kind, decimal signedAmount, string memo, long? counterpart = null)
    {
        if (IsClosed)
        {
            throw new DomainException("个人账户：账户已退还或转出，不能再记账") { Field = "acct", Code = "account-closed" };
        }

        if (_entries.Count > 0 && date < _entries[^1].Date)
        {
            throw new DomainException($"记账日期：不能早于上一笔记账日期 {_entries[^1].Date:yyyy-MM-dd}") { Field = "date", Code = "date-before-last-entry" };
        }

        if (Balance + signedAmount < 0)
        {
            throw new DomainException($"个人账户：余额 {Balance:0.00} 元不足，不能支出 {-signedAmount:0.00} 元") { Field = "acct_pay", Code = "insufficient-balance" };
        }

        var entry = new AccountEntry(date, kind, signedAmount, memo, counterpart);
        _entries.Add(entry);
        Balance += signedAmount;
        return entry;
    }

    private static decimal Positive(decimal amount)
    {
        if (amount <= 0)
        {
            throw new DomainException("金额：须大于 0") { Field = "amount", Code = "non-positive-amount" };
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new DomainException("金额：须精确到分") { Field = "amount", Code = "amount-precision" };
        }

        return amount;
    }
}

/// <summary>个人账户划入规则 (policy data): in-service from their own contribution share, retirees a fixed monthly amount.</summary>
public sealed record AccountCreditRule(decimal InServiceShareOfOwnContribution, decimal RetiredMonthlyAmount, decimal AnnualInterestRate)
{
    /// <summary>Monthly 划入 for an in-service employee from their own contribution (e.g. 2% of the base), rounded to 分.</summary>
    public decimal InServiceMonthly(decimal ownContribution) =>
        decimal.Round(ownContribution * InServiceShareOfOwnContribution, 2, MidpointRounding.AwayFromZero);
}
