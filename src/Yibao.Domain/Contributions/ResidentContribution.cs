namespace Yibao.Domain.Contributions;

/// <summary>居民个人缴费记录 for one person and coverage year, with the 代缴 share and the fiscal subsidy, and the ledger entry it posted.</summary>
public class ResidentContribution
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public required string PoolAreaCode { get; set; }

    /// <summary>缴费年度.</summary>
    public int Year { get; set; }

    /// <summary>个人应缴.</summary>
    public decimal IndividualAmount { get; set; }

    /// <summary>医疗救助代缴.</summary>
    public decimal SponsoredAmount { get; set; }

    /// <summary>本人实缴.</summary>
    public decimal PaidByPerson { get; set; }

    /// <summary>财政补助.</summary>
    public decimal SubsidyAmount { get; set; }

    /// <summary>代缴依据的特殊身份.</summary>
    public Registry.SpecialStatusType? SponsoredFor { get; set; }

    /// <summary>到账日期.</summary>
    public DateOnly PaidOn { get; set; }

    /// <summary>票据号 / 税务缴款凭证号 (idempotency key).</summary>
    public required string ReceiptNo { get; set; }

    public long JournalEntryId { get; set; }

    /// <summary>The ledger entry posted with this record (set when both are created together).</summary>
    public Funds.JournalEntry? JournalEntry { get; set; }
}
