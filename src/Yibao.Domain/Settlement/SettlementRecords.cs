using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Settlement;

/// <summary>就诊状态.</summary>
public enum EncounterStatus
{
    /// <summary>已登记.</summary>
    Registered = 1,
    /// <summary>已结算.</summary>
    Settled = 2,
    /// <summary>已撤销登记.</summary>
    Cancelled = 3,
}

/// <summary>结算状态.</summary>
public enum SettlementStatus
{
    /// <summary>正常.</summary>
    Settled = 1,
    /// <summary>已撤销（已冲销）.</summary>
    Cancelled = 2,
}

/// <summary>就诊记录 (mdtrt): written by 2201, cancelled by 2202, never deleted.</summary>
public class MedicalEncounter
{
    public long Id { get; set; }

    /// <summary>就诊 ID mdtrt_id (assigned by the agency).</summary>
    public required string MdtrtId { get; set; }

    public long InstitutionId { get; set; }

    public long PersonId { get; set; }

    /// <summary>人员编号 psn_no (denormalised for lists and sharding).</summary>
    public required string PsnNo { get; set; }

    /// <summary>险种 insutype.</summary>
    public required string Insutype { get; set; }

    /// <summary>医疗类别 med_type.</summary>
    public VisitType MedType { get; set; }

    /// <summary>开始日期 begntime (date part).</summary>
    public DateOnly BeginDate { get; set; }

    /// <summary>诊断 (ICD codes, ";"-separated) dise_codg.</summary>
    public string? DiseCodg { get; set; }

    /// <summary>门慢门特病种 code.</summary>
    public string? ChronicDisease { get; set; }

    /// <summary>住院号 ipt_otp_no (住院 only, the institution's).</summary>
    public string? IptOtpNo { get; set; }

    /// <summary>入院科室编码 adm_dept_codg (住院 only).</summary>
    public string? AdmDeptCodg { get; set; }

    /// <summary>入院床位 adm_bed (住院 only).</summary>
    public string? AdmBed { get; set; }

    /// <summary>出院日期 endtime (date part; 住院 only, set by 2402, cleared by 2405).</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>出院主要诊断 dscg_maindiag_code (ICD codes, ";"-separated; 住院 only).</summary>
    public string? DscgMaindiagCode { get; set; }

    /// <summary>离院方式 dscg_way (住院 only).</summary>
    public string? DscgWay { get; set; }

    /// <summary>统筹区 insuplc_admdvs.</summary>
    public required string PoolAreaCode { get; set; }

    public EncounterStatus Status { get; set; } = EncounterStatus.Registered;

    public DateTime CreatedAt { get; set; }

    public List<FeeDetail> FeeDetails { get; set; } = [];
}

/// <summary>费用明细 (feedetail) as uploaded by 2204; cancelled by 2205 (flag, never deleted).</summary>
public class FeeDetail
{
    public long Id { get; set; }

    public long EncounterId { get; set; }

    /// <summary>费用明细流水号 feedetl_sn (the institution's, unique within the encounter).</summary>
    public required string FeedetlSn { get; set; }

    /// <summary>医保目录编码 med_list_codg.</summary>
    public required string MedListCodg { get; set; }

    /// <summary>医药机构目录名称 medins_list_name.</summary>
    public string? MedinsListName { get; set; }

    /// <summary>数量 cnt.</summary>
    public decimal Cnt { get; set; }

    /// <summary>单价 pric.</summary>
    public decimal Pric { get; set; }

    /// <summary>明细项目费用总额 det_item_fee_sumamt.</summary>
    public decimal DetItemFeeSumamt { get; set; }

    /// <summary>费用发生日期 fee_ocur_time (date).</summary>
    public DateOnly FeeOcurDate { get; set; }

    /// <summary>用药天数 medc_days (days of supply of a drug, 0–365; null when not given or not a drug). Feeds 超量开药.</summary>
    public int? MedcDays { get; set; }

    /// <summary>开单医师编码 bilg_dr_codg (the 医保医师 who ordered the line; optional). A line ordered by a 医保医师 whose
    /// service is suspended (稽核 outcome 暂停医保医师资格) on its date is not paid by the funds.</summary>
    public string? BilgDrCodg { get; set; }

    public bool Cancelled { get; set; }
}

/// <summary>
/// 结算记录 (setlinfo): the national field set, the explanation and the policy version used, the accumulators before and
/// after (JSON, slot name → value) and the journal entry. Cancellation (2208) sets the status and links the reversal.
/// </summary>
public class SettlementRecord
{
    public long Id { get; set; }

    /// <summary>结算 ID setl_id.</summary>
    public required string SetlId { get; set; }

    public long EncounterId { get; set; }

    public long InstitutionId { get; set; }

    public long PersonId { get; set; }

    public required string PsnNo { get; set; }

    public required string Insutype { get; set; }

    public VisitType MedType { get; set; }

    public required string PoolAreaCode { get; set; }

    /// <summary>结算日期 setl_time (date).</summary>
    public DateOnly SetlDate { get; set; }

    /// <summary>累计年度.</summary>
    public int Year { get; set; }

    /// <summary>政策参数版本 (CompiledPolicy id + version).</summary>
    public required string PolicyVersionId { get; set; }

    public required string SchemeName { get; set; }

    /// <summary>就医地类别 the engine used (本地/异地已备案/异地未备案/转诊); see OutOfArea.</summary>
    public Place Place { get; set; } = Place.Local;

    /// <summary>The 异地就医备案 number that gave the branch, if any.</summary>
    public string? FilingNo { get; set; }

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

    /// <summary>计算过程 (Chinese lines, JSON array).</summary>
    public required string ExplanationJson { get; set; }

    /// <summary>明细分类结果 (JSON array, one object per line with the national fields and reason).</summary>
    public required string LinesJson { get; set; }

    /// <summary>Year-to-date accumulators before this settlement (JSON object).</summary>
    public required string AccumulatorsBeforeJson { get; set; }

    /// <summary>Year-to-date accumulators after this settlement (JSON object).</summary>
    public required string AccumulatorsAfterJson { get; set; }

    /// <summary>事中智能审核 可疑 warnings returned with this settlement (JSON array as in the API's <c>warnings</c>; null when none).</summary>
    public string? ReviewWarningsJson { get; set; }

    public SettlementStatus Status { get; set; } = SettlementStatus.Settled;

    /// <summary>记账凭证 (null when nothing was paid by any fund or account).</summary>
    public long? JournalEntryId { get; set; }

    /// <summary>The 记账凭证 written with the settlement (set when both are saved together; not loaded by queries).</summary>
    public Yibao.Domain.Funds.JournalEntry? JournalEntry { get; set; }

    public long? ReversalJournalEntryId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>撤销人: the 审核员's login name, or null when the institution cancelled through the API.</summary>
    public string? CancelledBy { get; set; }

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
}

/// <summary>
/// 人员年度累计 (5206): one row per person and year, the lock row that serialises settlements of one person.
/// Values are a JSON object (accumulator slot → amount); <see cref="Version"/> is a concurrency token.
/// </summary>
public class PersonAccumulator
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public int Year { get; set; }

    public required string ValuesJson { get; set; }

    /// <summary>Settlements applied (incremented by settle and by cancel).</summary>
    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// 接口请求记录 (idempotency): one row per institution and message id (msgid) with the request hash and the stored
/// answer, written in the same transaction as the change it answers.
/// </summary>
public class ApiRequestLog
{
    public long Id { get; set; }

    public long InstitutionId { get; set; }

    /// <summary>报文 ID msgid (the caller's).</summary>
    public required string Msgid { get; set; }

    /// <summary>交易编号 infno (2201, 2207 …).</summary>
    public required string Infno { get; set; }

    /// <summary>SHA-256 of the canonical request (infno + path + body).</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseJson { get; set; }

    public DateTime CreatedAt { get; set; }
}
