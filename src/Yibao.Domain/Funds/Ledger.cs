using Yibao.Domain.Common;

namespace Yibao.Domain.Funds;

/// <summary>基金: each fund is its own accounting entity and must balance by itself.</summary>
public enum FundCode
{
    /// <summary>职工基本医疗保险统筹基金.</summary>
    EmployeePool = 1,
    /// <summary>职工基本医疗保险个人账户.</summary>
    EmployeePersonalAccount = 2,
    /// <summary>城乡居民基本医疗保险基金.</summary>
    ResidentPool = 3,
    /// <summary>医疗救助基金.</summary>
    MedicalAssistance = 4,
    /// <summary>公务员医疗补助资金.</summary>
    CivilServantSubsidy = 5,
    /// <summary>职工大额医疗费用补助资金.</summary>
    LargeExpenseSubsidy = 6,
    /// <summary>城乡居民大病保险资金.</summary>
    CriticalIllness = 7,
    /// <summary>离休人员医疗保障资金.</summary>
    RetiredCadre = 8,
    /// <summary>伤残人员医疗保障资金.</summary>
    DisabledVeteran = 9,
}

/// <summary>会计科目 (the start of the chart; the settlement issue extends it).</summary>
public static class LedgerAccounts
{
    /// <summary>银行存款（收入户）.</summary>
    public const string BankIncome = "1002";
    /// <summary>银行存款（支出户）: the fund's payment account, credited by 拨付 to institutions and by 手工报销 paid to persons.</summary>
    public const string BankExpenditure = "1003";
    /// <summary>应收财政补贴.</summary>
    public const string SubsidyReceivable = "1201";
    /// <summary>应收保险费（征收计划已开、未到账）.</summary>
    public const string ContributionReceivable = "1202";
    /// <summary>基本医疗保险费收入.</summary>
    public const string ContributionIncome = "4001";
    /// <summary>财政补贴收入.</summary>
    public const string SubsidyIncome = "4002";
    /// <summary>利息收入.</summary>
    public const string InterestIncome = "4003";
    /// <summary>代缴参保费支出（医疗救助）.</summary>
    public const string SponsoredContributionExpense = "5101";
    /// <summary>应付定点医药机构结算款 (cleared by 拨付).</summary>
    public const string InstitutionPayable = "2101";
    /// <summary>医疗待遇支出 (基金支付的医疗费用).</summary>
    public const string BenefitExpense = "5001";
    /// <summary>个人账户支付医疗费 (职工个人账户).</summary>
    public const string AccountMedicalPayment = "5002";

    /// <summary>个人账户结存 (应付个人账户, one subsidiary line per person; credit balance = the account balance).</summary>
    public const string PersonalAccountBalance = "2201";
    /// <summary>划入个人账户支出 (统筹基金 → 个人账户).</summary>
    public const string AccountTransferExpense = "5003";
    /// <summary>个人账户计息支出.</summary>
    public const string AccountInterestExpense = "5004";

    /// <summary>应收追回款及违约金 (稽核处理决定 → 定点医药机构应缴, one subsidiary line per institution).</summary>
    public const string SupervisionReceivable = "1205";
    /// <summary>应收个人退回待遇款 (撤销已支付的手工报销: the person must return what the fund paid; one subsidiary line per person).</summary>
    public const string PersonRefundReceivable = "1206";
    /// <summary>违约金收入.</summary>
    public const string PenaltyIncome = "4005";
    /// <summary>举报奖励支出.</summary>
    public const string ComplaintRewardExpense = "5201";

    public static string Name(string code) => code switch
    {
        SupervisionReceivable => "应收追回款及违约金",
        PersonRefundReceivable => "应收个人退回待遇款",
        PenaltyIncome => "违约金收入",
        ComplaintRewardExpense => "举报奖励支出",
        PersonalAccountBalance => "个人账户结存",
        AccountTransferExpense => "划入个人账户支出",
        AccountInterestExpense => "个人账户计息支出",
        BankIncome => "银行存款",
        BankExpenditure => "银行存款（支出户）",
        SubsidyReceivable => "应收财政补贴",
        ContributionReceivable => "应收保险费",
        ContributionIncome => "基本医疗保险费收入",
        SubsidyIncome => "财政补贴收入",
        InterestIncome => "利息收入",
        SponsoredContributionExpense => "代缴参保费支出",
        InstitutionPayable => "应付定点医药机构结算款",
        BenefitExpense => "医疗待遇支出",
        AccountMedicalPayment => "个人账户支付医疗费",
        _ => code,
    };

    public static bool IsKnown(string code) => Name(code) != code;
}

/// <summary>分录行: one side of an entry in one fund and account.</summary>
public class JournalLine
{
    public long Id { get; set; }

    public long JournalEntryId { get; set; }

    public FundCode Fund { get; set; }

    /// <summary>科目代码.</summary>
    public required string AccountCode { get; set; }

    /// <summary>借方金额 (元).</summary>
    public decimal Debit { get; set; }

    /// <summary>贷方金额 (元).</summary>
    public decimal Credit { get; set; }

    /// <summary>Person the line is about (for subsidiary ledgers), if any.</summary>
    public long? PersonId { get; set; }

    public long? EmployerId { get; set; }

    /// <summary>定点医药机构 the line is about (应付款 subsidiary ledger), if any.</summary>
    public long? InstitutionId { get; set; }

    public static JournalLine Dr(FundCode fund, string account, decimal amount, long? personId = null, long? employerId = null) =>
        new() { Fund = fund, AccountCode = account, Debit = amount, PersonId = personId, EmployerId = employerId };

    public static JournalLine Cr(FundCode fund, string account, decimal amount, long? personId = null, long? employerId = null) =>
        new() { Fund = fund, AccountCode = account, Credit = amount, PersonId = personId, EmployerId = employerId };
}

/// <summary>
/// 记账凭证: a balanced double-entry journal entry. Debits equal credits within each fund; amounts are positive and in 分;
/// entries are never changed or deleted — a reversal (冲销) is a new entry with the sides swapped.
/// </summary>
public class JournalEntry
{
    public long Id { get; set; }

    /// <summary>记账日期.</summary>
    public DateOnly EntryDate { get; set; }

    /// <summary>摘要.</summary>
    public required string Memo { get; set; }

    /// <summary>业务来源 (e.g. "resident-contribution", "employer-payment").</summary>
    public required string SourceType { get; set; }

    /// <summary>业务单据号 (idempotency: one entry per source document and kind).</summary>
    public required string SourceId { get; set; }

    /// <summary>冲销的原凭证.</summary>
    public long? ReversesEntryId { get; set; }

    public List<JournalLine> Lines { get; set; } = [];

    public static JournalEntry Create(DateOnly date, string memo, string sourceType, string sourceId, IEnumerable<JournalLine> lines, long? reverses = null)
    {
        if (string.IsNullOrWhiteSpace(memo))
        {
            throw new DomainException("摘要：不能为空") { Field = "memo", Code = "memo-required" };
        }

        var list = lines.ToList();
        if (list.Count < 2)
        {
            throw new DomainException("分录：一张凭证至少需要一借一贷两行") { Field = "lines", Code = "entry-too-short" };
        }

        foreach (var (line, i) in list.Select((l, i) => (l, i + 1)))
        {
            if (line.Debit < 0 || line.Credit < 0 || (line.Debit == 0) == (line.Credit == 0))
            {
                throw new DomainException($"分录第 {i} 行：借方、贷方金额须有且只有一方为正数") { Field = "lines", Code = "line-one-side" };
            }

            if (decimal.Round(line.Debit + line.Credit, 2) != line.Debit + line.Credit)
            {
                throw new DomainException($"分录第 {i} 行：金额须精确到分") { Field = "lines", Code = "amount-precision" };
            }

            if (!Enum.IsDefined(line.Fund))
            {
                throw new DomainException($"分录第 {i} 行：基金代码无效") { Field = "fund", Code = "invalid-fund" };
            }
        }

        foreach (var fund in list.GroupBy(l => l.Fund))
        {
            var dr = fund.Sum(l => l.Debit);
            var cr = fund.Sum(l => l.Credit);
            if (dr != cr)
            {
                throw new DomainException($"分录：{FundName(fund.Key)}借方合计 {dr:0.00} 元与贷方合计 {cr:0.00} 元不相等，借贷必须相等") { Field = "lines", Code = "unbalanced-entry" };
            }
        }

        return new JournalEntry { EntryDate = date, Memo = memo.Trim(), SourceType = sourceType, SourceId = sourceId, Lines = list, ReversesEntryId = reverses };
    }

    /// <summary>冲销: a new entry with the same lines on the opposite sides.</summary>
    public JournalEntry Reverse(DateOnly date, string reason)
    {
        if (ReversesEntryId is not null)
        {
            throw new DomainException("冲销：冲销凭证不能再次冲销，请重新记账") { Field = "entry_id", Code = "reverse-of-reversal" };
        }

        return Create(date, "冲销：" + reason, SourceType, SourceId + "#R", Lines.Select(l => new JournalLine
        {
            Fund = l.Fund,
            AccountCode = l.AccountCode,
            Debit = l.Credit,
            Credit = l.Debit,
            PersonId = l.PersonId,
            EmployerId = l.EmployerId,
            InstitutionId = l.InstitutionId,
        }), Id);
    }

    public static string FundName(FundCode f) => f switch
    {
        FundCode.EmployeePool => "职工统筹基金",
        FundCode.EmployeePersonalAccount => "职工个人账户",
        FundCode.ResidentPool => "居民医保基金",
        FundCode.MedicalAssistance => "医疗救助基金",
        FundCode.CivilServantSubsidy => "公务员医疗补助资金",
        FundCode.LargeExpenseSubsidy => "职工大额医疗费用补助资金",
        FundCode.CriticalIllness => "城乡居民大病保险资金",
        FundCode.RetiredCadre => "离休人员医疗保障资金",
        FundCode.DisabledVeteran => "伤残人员医疗保障资金",
        _ => f.ToString(),
    };
}
