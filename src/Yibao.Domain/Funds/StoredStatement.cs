namespace Yibao.Domain.Funds;

/// <summary>月结算单状态.</summary>
public enum StatementStatus
{
    /// <summary>已生成: frozen, not (fully) paid.</summary>
    Generated = 1,
    /// <summary>已拨付: every fund's amount on the statement has been disbursed.</summary>
    Paid = 2,
}

/// <summary>
/// 月结算单 as a stored document: generated once per institution and month after the month has ended, its figures frozen
/// (what the ledger said at generation). Settlements cancelled after generation — necessarily in a later month — go into the
/// statement of the month of the cancellation as 跨月撤销调整 (their reversing entries are dated then). 拨付 is recorded against
/// the frozen per-fund amounts; when all are paid the status becomes 已拨付. Never deleted.
/// </summary>
public class StoredStatement
{
    public long Id { get; set; }

    /// <summary>结算单号 (JS + yyyyMM + institution code).</summary>
    public required string StatementNo { get; set; }

    public long InstitutionId { get; set; }

    /// <summary>定点医药机构编号 fixmedins_code (as at generation).</summary>
    public required string FixmedinsCode { get; set; }

    /// <summary>定点医药机构名称 fixmedins_name (as at generation).</summary>
    public required string FixmedinsName { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }

    public StatementStatus Status { get; set; } = StatementStatus.Generated;

    /// <summary>本月结算笔数.</summary>
    public int SettledCount { get; set; }

    /// <summary>本月撤销笔数 (all cancellations dated in the month, including those of earlier months' settlements).</summary>
    public int CancelledCount { get; set; }

    /// <summary>跨月撤销调整笔数: cancellations in this month of settlements dated in an earlier month.</summary>
    public int AdjustmentCount { get; set; }

    /// <summary>跨月撤销调整金额 (基金支付 + 个人账户支付 of those settlements, reduces this month's amount owed).</summary>
    public decimal AdjustmentAmount { get; set; }

    /// <summary>National field sums, net of the month's cancellations (JSON object: field → 元).</summary>
    public required string FieldsJson { get; set; }

    /// <summary>应付 per fund (JSON array: fund, owed).</summary>
    public required string FundsJson { get; set; }

    /// <summary>智能审核扣款 of the month (JSON array).</summary>
    public required string DeductionsJson { get; set; }

    /// <summary>应付合计 (all funds).</summary>
    public decimal TotalOwed { get; set; }

    /// <summary>扣款合计.</summary>
    public decimal TotalDeducted { get; set; }

    public DateTime GeneratedAt { get; set; }

    public required string GeneratedBy { get; set; }

    /// <summary>When the last fund was disbursed (status 已拨付).</summary>
    public DateTime? PaidAt { get; set; }

    public static string StatusName(StatementStatus s) => s switch
    {
        StatementStatus.Generated => "已生成",
        StatementStatus.Paid => "已拨付",
        _ => "未知",
    };
}
