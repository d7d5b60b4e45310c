namespace Yibao.Domain.Funds;

/// <summary>
/// 拨付记录: 财务 pays a 定点医药机构 what one fund owes it on one 月结算单 (institution × month). The journal entry debits
/// 应付定点医药机构结算款 2101 and credits the fund's 银行存款（支出户） 1003. Never changed or deleted.
/// </summary>
public class Disbursement
{
    public long Id { get; set; }

    /// <summary>拨付单号 (unique; a repeated number is refused, so one payment order is never recorded twice).</summary>
    public required string DisbursementNo { get; set; }

    public long InstitutionId { get; set; }

    /// <summary>结算单年度.</summary>
    public int Year { get; set; }

    /// <summary>结算单月份 (1–12).</summary>
    public int Month { get; set; }

    public FundCode Fund { get; set; }

    /// <summary>拨付金额 (元).</summary>
    public decimal Amount { get; set; }

    /// <summary>拨付日期.</summary>
    public DateOnly PaidOn { get; set; }

    public string? Memo { get; set; }

    public long JournalEntryId { get; set; }

    /// <summary>经办财务 (login name).</summary>
    public required string RecordedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}
