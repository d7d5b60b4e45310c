using Yibao.Domain.Funds;

namespace Yibao.Domain.Accounts;

/// <summary>
/// 职工个人账户 as stored (table personal_accounts): one per person with a 310 enrollment. The balance is never stored;
/// it is the sum of <see cref="Entries"/>, which are only ever written through <see cref="PersonalAccount"/>.
/// </summary>
public class PersonalAccountRecord
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>统筹区 insuplc_admdvs.</summary>
    public required string PoolAreaCode { get; set; }

    /// <summary>建账日期.</summary>
    public DateOnly OpenedOn { get; set; }

    /// <summary>销户日期 (退还/转出 of the whole balance).</summary>
    public DateOnly? ClosedOn { get; set; }

    public List<PersonalAccountEntryRecord> Entries { get; set; } = [];

    /// <summary>The domain account over the stored entries (in date order).</summary>
    public PersonalAccount ToDomain() =>
        new(PersonId, Entries.OrderBy(e => e.EntryDate).ThenBy(e => e.Id).Select(e => new AccountEntry(e.EntryDate, e.Kind, e.Amount, e.Memo, e.CounterpartPersonId)));

    /// <summary>Stores an entry the domain accepted, with its balanced journal entry; marks the account closed on 退还/转出.</summary>
    public PersonalAccountEntryRecord Record(AccountEntry entry, string sourceKey, JournalEntry journal)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = new PersonalAccountEntryRecord
        {
            EntryDate = entry.Date,
            Kind = entry.Kind,
            Amount = entry.Amount,
            Memo = entry.Memo.Length > 100 ? entry.Memo[..100] : entry.Memo,
            CounterpartPersonId = entry.CounterpartPersonId,
            SourceKey = sourceKey,
            JournalEntry = journal,
        };
        Entries.Add(record);
        if (entry.Kind is AccountEntryKind.Refund or AccountEntryKind.TransferOut)
        {
            ClosedOn = entry.Date;
        }

        return record;
    }
}

/// <summary>个人账户记账 (table personal_account_entries): signed amount, never changed; one per source key (idempotency).</summary>
public class PersonalAccountEntryRecord
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    /// <summary>记账日期.</summary>
    public DateOnly EntryDate { get; set; }

    public AccountEntryKind Kind { get; set; }

    /// <summary>金额 (元, positive in, negative out).</summary>
    public decimal Amount { get; set; }

    /// <summary>摘要.</summary>
    public required string Memo { get; set; }

    /// <summary>业务键, unique per account: "credit:2026-11", "interest:2026", "refund", "transfer-out".</summary>
    public required string SourceKey { get; set; }

    public long? CounterpartPersonId { get; set; }

    /// <summary>退还: 收款银行 (开户行).</summary>
    public string? BankName { get; set; }

    /// <summary>退还: 收款户名.</summary>
    public string? BankAccountName { get; set; }

    /// <summary>退还: 收款账号.</summary>
    public string? BankAccountNo { get; set; }

    public long JournalEntryId { get; set; }

    public JournalEntry? JournalEntry { get; set; }
}
