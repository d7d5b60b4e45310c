using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Settlement;

/// <summary>手工报销状态.</summary>
public enum ReimbursementStatus
{
    /// <summary>待审核.</summary>
    Pending = 1,
    /// <summary>已审核（已支付）.</summary>
    Approved = 2,
    /// <summary>已驳回.</summary>
    Rejected = 3,
    /// <summary>已撤销: an approved (so already paid) reimbursement reversed by a 审核员; the person owes the fund's part back (应收).</summary>
    Reversed = 4,
}

/// <summary>
/// 手工报销: an out-of-network or 异地 bill entered at the counter from the invoice, computed by the same engine as an
/// online settlement (national field set, explanation, policy version, place branch from the person's filings), saved
/// 待审核. A 审核员 other than the entering clerk approves it — the engine runs again under the person's lock with the
/// current accumulators, the accumulators are updated and the payment to the person's bank account is posted
/// (医疗待遇支出 debit per fund, 银行存款（支出户）credit) — or rejects it with a reason. Nothing is deleted.
/// </summary>
public class ManualReimbursement
{
    public long Id { get; set; }

    /// <summary>报销单号.</summary>
    public required string ReimbNo { get; set; }

    public long PersonId { get; set; }

    /// <summary>人员编号 psn_no.</summary>
    public required string PsnNo { get; set; }

    /// <summary>姓名 psn_name (as at entry).</summary>
    public required string PsnName { get; set; }

    /// <summary>险种 insutype.</summary>
    public required string Insutype { get; set; }

    /// <summary>医疗类别 med_type.</summary>
    public VisitType MedType { get; set; }

    /// <summary>参保地统筹区 insuplc_admdvs.</summary>
    public required string PoolAreaCode { get; set; }

    /// <summary>就诊机构名称 fixmedins_name (free text: the institution need not be designated here).</summary>
    public required string InstitutionName { get; set; }

    /// <summary>就医地医保区划 mdtrtarea_admdvs (6 digits).</summary>
    public required string InstitutionAreaCode { get; set; }

    /// <summary>医疗机构等级 hosp_lv.</summary>
    public int InstitutionLevel { get; set; }

    /// <summary>就医地类别 used by the engine (本地/异地已备案/异地未备案/转诊).</summary>
    public Place Place { get; set; } = Place.Local;

    /// <summary>The 备案号 that gave the branch, if any.</summary>
    public string? FilingNo { get; set; }

    /// <summary>开始日期 begntime.</summary>
    public DateOnly BeginDate { get; set; }

    /// <summary>结束日期 endtime.</summary>
    public DateOnly EndDate { get; set; }

    /// <summary>诊断代码 dise_codg (";"-separated).</summary>
    public string? DiseCodg { get; set; }

    /// <summary>诊断名称 dise_name.</summary>
    public string? DiseName { get; set; }

    /// <summary>门慢门特病种 code (med_type 14).</summary>
    public string? ChronicDisease { get; set; }

    /// <summary>发票号 invoice_no (unique per person among non-rejected reimbursements).</summary>
    public required string InvoiceNo { get; set; }

    /// <summary>收款户名.</summary>
    public required string BankAccountName { get; set; }

    /// <summary>开户银行.</summary>
    public required string BankName { get; set; }

    /// <summary>银行账号 (masked on screens).</summary>
    public required string BankAccountNo { get; set; }

    /// <summary>费用明细 as entered (JSON array: code, name, cnt, pric, amount).</summary>
    public required string InputLinesJson { get; set; }

    /// <summary>明细分类结果 (JSON array, national line fields).</summary>
    public required string LinesJson { get; set; }

    /// <summary>计算过程 (Chinese lines, JSON array).</summary>
    public required string ExplanationJson { get; set; }

    public required string PolicyVersionId { get; set; }

    public required string SchemeName { get; set; }

    public int Year { get; set; }

    public decimal MedfeeSumamt { get; set; }
    public decimal FulamtOwnpayAmt { get; set; }
    public decimal OverlmtSelfpay { get; set; }
    public decimal PreselfpayAmt { get; set; }
    public decimal InscpScpAmt { get; set; }
    public decimal ActPayDedc { get; set; }
    public decimal HifpPay { get; set; }
    public decimal PoolPropSelfpay { get; set; }
    public decimal CvlservPay { get; set; }
    public decimal HifobPay { get; set; }
    public decimal HifmiPay { get; set; }
    public decimal HifdmPay { get; set; }
    public decimal MafPay { get; set; }
    public decimal OthPay { get; set; }
    public decimal FundPaySumamt { get; set; }
    public decimal PsnPartAmt { get; set; }
    public decimal AcctPay { get; set; }
    public decimal PsnCashPay { get; set; }

    /// <summary>Accumulators before/after (JSON objects; written on approval).</summary>
    public string? AccumulatorsBeforeJson { get; set; }

    public string? AccumulatorsAfterJson { get; set; }

    public ReimbursementStatus Status { get; set; } = ReimbursementStatus.Pending;

    public required string CreatedById { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? ReviewedById { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? RejectReason { get; set; }

    /// <summary>支付日期 (approval date, China time).</summary>
    public DateOnly? PaidDate { get; set; }

    public long? JournalEntryId { get; set; }

    /// <summary>撤销原因 (reversal of an approved reimbursement).</summary>
    public string? ReversalReason { get; set; }

    public string? ReversedById { get; set; }

    public string? ReversedBy { get; set; }

    public DateTime? ReversedAt { get; set; }

    /// <summary>The reversing entry (Cr 医疗待遇支出 / Dr 应收个人退回待遇款 1206, per fund).</summary>
    public long? ReversalJournalEntryId { get; set; }

    /// <summary>退回到账日期: when 财务 recorded the person's repayment (Dr 1002 / Cr 1206), null while it is still owed.</summary>
    public DateOnly? RefundReceivedDate { get; set; }

    public long? RefundJournalEntryId { get; set; }

    /// <summary>应收退回金额: what the person owes back after a reversal (the fund's part and any 个人账户 part), 0 before.</summary>
    public decimal AmountOwedBack => Status == ReimbursementStatus.Reversed && RefundReceivedDate is null ? FundPaySumamt + AcctPay : 0m;

    public SetlInfo ToSetlInfo() => new()
    {
        MedfeeSumamt = MedfeeSumamt, FulamtOwnpayAmt = FulamtOwnpayAmt, OverlmtSelfpay = OverlmtSelfpay, PreselfpayAmt = PreselfpayAmt,
        InscpScpAmt = InscpScpAmt, ActPayDedc = ActPayDedc, HifpPay = HifpPay, PoolPropSelfpay = PoolPropSelfpay, CvlservPay = CvlservPay,
        HifobPay = HifobPay, HifmiPay = HifmiPay, HifdmPay = HifdmPay, MafPay = MafPay, OthPay = OthPay, FundPaySumamt = FundPaySumamt,
        PsnPartAmt = PsnPartAmt, AcctPay = AcctPay, PsnCashPay = PsnCashPay,
    };

    public void SetFrom(in SetlInfo s)
    {
        MedfeeSumamt = s.MedfeeSumamt; FulamtOwnpayAmt = s.FulamtOwnpayAmt; OverlmtSelfpay = s.OverlmtSelfpay; PreselfpayAmt = s.PreselfpayAmt;
        InscpScpAmt = s.InscpScpAmt; ActPayDedc = s.ActPayDedc; HifpPay = s.HifpPay; PoolPropSelfpay = s.PoolPropSelfpay; CvlservPay = s.CvlservPay;
        HifobPay = s.HifobPay; HifmiPay = s.HifmiPay; HifdmPay = s.HifdmPay; MafPay = s.MafPay; OthPay = s.OthPay; FundPaySumamt = s.FundPaySumamt;
        PsnPartAmt = s.PsnPartAmt; AcctPay = s.AcctPay; PsnCashPay = s.PsnCashPay;
    }

    public static string StatusName(ReimbursementStatus s) => s switch
    {
        ReimbursementStatus.Pending => "待审核",
        ReimbursementStatus.Approved => "已审核",
        ReimbursementStatus.Rejected => "已驳回",
        ReimbursementStatus.Reversed => "已撤销",
        _ => "未知",
    };
}
