using System.Globalization;
using Yibao.Domain.Funds;

namespace Yibao.Domain.Contributions;

/// <summary>
/// The balanced ledger entries that money received for employee contributions posts (职工基本医疗保险统筹基金:
/// 借 银行存款 / 贷 基本医疗保险费收入). Used by the live use cases and by the demo seed, so both post the same lines.
/// </summary>
public static class ContributionPostings
{
    /// <summary>Source type of a 税务入库记录's entry (source id = 票号).</summary>
    public const string EmployerPaymentSource = "employer-payment";

    /// <summary>Source type of a 灵活就业人员缴费's entry (source id = 票据号).</summary>
    public const string FlexibleContributionSource = "flexible-contribution";

    /// <summary>税务入库: the employer's payment for a 所属期.</summary>
    public static JournalEntry EmployerPayment(long employerId, int period, decimal amount, DateOnly receivedOn, string ticketNo) =>
        JournalEntry.Create(receivedOn, $"职工医保费税务入库 {ContributionPeriod.Format(period)}（票号 {ticketNo}）", EmployerPaymentSource, ticketNo,
        [
            JournalLine.Dr(FundCode.EmployeePool, LedgerAccounts.BankIncome, amount, employerId: employerId),
            JournalLine.Cr(FundCode.EmployeePool, LedgerAccounts.ContributionIncome, amount, employerId: employerId),
        ]);

    /// <summary>灵活就业人员 paying one month himself.</summary>
    public static JournalEntry FlexibleContribution(long personId, string personNo, int period, decimal amount, DateOnly paidOn, string receiptNo) =>
        JournalEntry.Create(paidOn, string.Create(CultureInfo.InvariantCulture, $"灵活就业人员缴费 {ContributionPeriod.Format(period)}（{personNo}）"), FlexibleContributionSource, receiptNo,
        [
            JournalLine.Dr(FundCode.EmployeePool, LedgerAccounts.BankIncome, amount, personId),
            JournalLine.Cr(FundCode.EmployeePool, LedgerAccounts.ContributionIncome, amount, personId),
        ]);
}
