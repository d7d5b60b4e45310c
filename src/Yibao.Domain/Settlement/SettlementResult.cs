// Plain-data structs with public fields on purpose: the hot path writes them by ref without copies.
#pragma warning disable CA1051
using Yibao.Domain.Policies;

namespace Yibao.Domain.Settlement;

/// <summary>结算信息 (setlinfo): the national field set, in 元.</summary>
public struct SetlInfo
{
    /// <summary>医疗费总额.</summary>
    public decimal MedfeeSumamt;
    /// <summary>全自费金额.</summary>
    public decimal FulamtOwnpayAmt;
    /// <summary>超限价自费费用.</summary>
    public decimal OverlmtSelfpay;
    /// <summary>先行自付金额.</summary>
    public decimal PreselfpayAmt;
    /// <summary>符合政策范围金额.</summary>
    public decimal InscpScpAmt;
    /// <summary>实际支付起付线.</summary>
    public decimal ActPayDedc;
    /// <summary>基本医疗保险统筹基金支出.</summary>
    public decimal HifpPay;
    /// <summary>基本医疗保险统筹基金支付比例自付 (起付线以上政策范围内未由统筹支付的部分，含超封顶).</summary>
    public decimal PoolPropSelfpay;
    /// <summary>公务员医疗补助资金支出.</summary>
    public decimal CvlservPay;
    /// <summary>职工大额医疗费用补助基金支出.</summary>
    public decimal HifobPay;
    /// <summary>居民大病保险资金支出.</summary>
    public decimal HifmiPay;
    /// <summary>伤残人员医疗保障基金支出.</summary>
    public decimal HifdmPay;
    /// <summary>医疗救助基金支出.</summary>
    public decimal MafPay;
    /// <summary>其他支出 (离休人员医疗保障 等).</summary>
    public decimal OthPay;
    /// <summary>基金支付总额.</summary>
    public decimal FundPaySumamt;
    /// <summary>个人负担总金额.</summary>
    public decimal PsnPartAmt;
    /// <summary>个人账户支出.</summary>
    public decimal AcctPay;
    /// <summary>个人现金支出.</summary>
    public decimal PsnCashPay;

    public void Add(in SetlInfo o)
    {
        MedfeeSumamt += o.MedfeeSumamt; FulamtOwnpayAmt += o.FulamtOwnpayAmt; OverlmtSelfpay += o.OverlmtSelfpay;
        PreselfpayAmt += o.PreselfpayAmt; InscpScpAmt += o.InscpScpAmt; ActPayDedc += o.ActPayDedc; HifpPay += o.HifpPay;
        PoolPropSelfpay += o.PoolPropSelfpay; CvlservPay += o.CvlservPay; HifobPay += o.HifobPay; HifmiPay += o.HifmiPay;
        HifdmPay += o.HifdmPay; MafPay += o.MafPay; OthPay += o.OthPay; FundPaySumamt += o.FundPaySumamt;
        PsnPartAmt += o.PsnPartAmt; AcctPay += o.AcctPay; PsnCashPay += o.PsnCashPay;
    }

    /// <summary>The fields as (national name, value) in national order.</summary>
    public readonly (string Name, decimal Value)[] Fields() =>
    [
        ("medfee_sumamt", MedfeeSumamt), ("fulamt_ownpay_amt", FulamtOwnpayAmt), ("overlmt_selfpay", OverlmtSelfpay),
        ("preselfpay_amt", PreselfpayAmt), ("inscp_scp_amt", InscpScpAmt), ("act_pay_dedc", ActPayDedc),
        ("hifp_pay", HifpPay), ("pool_prop_selfpay", PoolPropSelfpay), ("cvlserv_pay", CvlservPay),
        ("hifob_pay", HifobPay), ("hifmi_pay", HifmiPay), ("hifdm_pay", HifdmPay), ("maf_pay", MafPay),
        ("oth_pay", OthPay), ("fund_pay_sumamt", FundPaySumamt), ("psn_part_amt", PsnPartAmt),
        ("acct_pay", AcctPay), ("psn_cash_pay", PsnCashPay),
    ];
}

/// <summary>Why (part of) a line is 全自费.</summary>
public enum LineReason
{
    None = 0,
    /// <summary>不在医保目录.</summary>
    NotInCatalog = 1,
    /// <summary>丙类.</summary>
    CategoryC = 2,
    /// <summary>限定性别.</summary>
    Gender = 3,
    /// <summary>限定年龄.</summary>
    Age = 4,
    /// <summary>限定医疗机构等级.</summary>
    InstitutionLevel = 5,
    /// <summary>限定就诊类型.</summary>
    VisitType = 6,
    /// <summary>限定适应症.</summary>
    Indication = 7,
    /// <summary>超每日限量.</summary>
    QuantityPerDay = 8,
    /// <summary>超单次住院限量.</summary>
    QuantityPerStay = 9,
    /// <summary>事中智能审核明确违规 (the rule's reason is reported with the line).</summary>
    Review = 10,
}

/// <summary>Classification of one fee line: amount = fulamt + overlmt + preselfpay + inscp.</summary>
public struct LineResult
{
    /// <summary>Index in the catalog, -1 when not in the catalog.</summary>
    public int ItemIndex;
    public decimal Amount;
    public decimal FulamtOwnpay;
    public decimal Overlmt;
    public decimal Preselfpay;
    public decimal Inscp;
    public decimal SelfPayRatio;
    public LineReason Reason;
}

/// <summary>Explanation step kinds (rendered in Chinese by <see cref="ExplanationFormatter"/>).</summary>
public enum StepKind
{
    /// <summary>A=医疗费总额 B=全自费 C=超限价 D=乙类先行自付 Amount=政策范围内.</summary>
    Classification = 1,
    /// <summary>No basic scheme applies. Label = reason.</summary>
    NoScheme = 2,
    /// <summary>Label = scheme name.</summary>
    Scheme = 3,
    /// <summary>A=标准 B=第几次 C=系数 D=本次起付线 Amount=实际支付起付线.</summary>
    DeductiblePerVisit = 4,
    /// <summary>A=年度起付线 B=年内已付 Amount=本次.</summary>
    DeductiblePerYear = 5,
    /// <summary>A=段起 B=段止 C=比例 D=段内金额 Amount=统筹支付.</summary>
    Band = 6,
    /// <summary>A=封顶线 B=年内已付 C=按比例应付 D=超封顶政策范围内金额 Amount=实付.</summary>
    Cap = 7,
    /// <summary>A=定额 Amount=实付.</summary>
    FixedAmount = 8,
    /// <summary>A=统筹内自付 Amount=统筹基金支付.</summary>
    BasicTotal = 9,
    /// <summary>Label=层名 A=本次计算基数 B=年累计(前) C=年累计(后) D=起付标准 Amount=本次支付.</summary>
    Layer = 10,
    /// <summary>Label=层名 A=段起 B=段止 C=比例 D=本次入段金额 Amount=段内支付.</summary>
    LayerBand = 11,
    /// <summary>Label=层名 A=封顶线 B=年内已付(前) Amount=本次.</summary>
    LayerCap = 12,
    /// <summary>A=账户余额 B=账户可支付范围 Amount=账户支付.</summary>
    Account = 13,
    /// <summary>A=个人负担 B=账户 Amount=现金.</summary>
    Cash = 14,
    /// <summary>A=基金支付合计 B=个人负担.</summary>
    Summary = 15,
}

/// <summary>One explanation step: numbers only; text is rendered on demand so the hot path does not format strings.</summary>
public readonly record struct ExplanationStep(StepKind Kind, string? Label, decimal A, decimal B, decimal C, decimal D, decimal Amount);

/// <summary>
/// Result of one calculation. Reusable: pass the same instance to <see cref="SettlementCalculator.Calculate(PersonSnapshot, Encounter, ReadOnlySpan{FeeLine}, ReadOnlySpan{decimal}, SettlementResult)"/>
/// to avoid allocations in batch runs.
/// </summary>
public sealed class SettlementResult
{
    private LineResult[] _lines = new LineResult[32];
    private ExplanationStep[] _steps = new ExplanationStep[32];

    public SetlInfo Setl;

    public string PolicyId { get; internal set; } = "";
    public CompiledScheme? Scheme { get; internal set; }
    public int LineCount { get; private set; }
    public int StepCount { get; private set; }
    public decimal[] Accumulators { get; private set; } = [];

    public ReadOnlySpan<LineResult> Lines => _lines.AsSpan(0, LineCount);
    public ReadOnlySpan<ExplanationStep> Steps => _steps.AsSpan(0, StepCount);

    internal Span<LineResult> Reset(int lines, ReadOnlySpan<decimal> accumulators, int slotCount)
    {
        if (_lines.Length < lines)
        {
            _lines = new LineResult[Math.Max(lines, _lines.Length * 2)];
        }

        if (Accumulators.Length != slotCount)
        {
            Accumulators = new decimal[slotCount];
        }

        Array.Clear(Accumulators);
        accumulators[..Math.Min(accumulators.Length, slotCount)].CopyTo(Accumulators);
        LineCount = lines;
        StepCount = 0;
        Setl = default;
        Scheme = null;
        return _lines.AsSpan(0, lines);
    }

    internal void Step(StepKind kind, string? label = null, decimal a = 0, decimal b = 0, decimal c = 0, decimal d = 0, decimal amount = 0)
    {
        if (StepCount == _steps.Length)
        {
            Array.Resize(ref _steps, _steps.Length * 2);
        }

        _steps[StepCount++] = new ExplanationStep(kind, label, a, b, c, d, amount);
    }
}
