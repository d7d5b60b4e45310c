using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// 手工报销审核: a 审核员 approves (<see cref="Approve"/> true) or rejects (with a reason) a 待审核 reimbursement. The entering
/// clerk cannot review his own. Approval, in one transaction under the person's lock: recomputes with the current
/// accumulators, updates them like an online settlement, and posts the payment to the person's bank account — per fund,
/// debit 医疗待遇支出 (5001; 个人账户 5002) and credit 银行存款（支出户）(1003).
/// </summary>
public sealed record ReviewManualReimbursement(long Id, bool Approve, string? Reason = null);

public sealed class ReviewManualReimbursementHandler(IAppDbContext db, ISettlementReferenceData reference, IPersonSettlementLock personLock, ICurrentUser user, TimeProvider clock)
{
    public const string SourceType = "manual-reimbursement";

    public Task<AppResult<ManualReimbursement>> HandleAsync(ReviewManualReimbursement command, CancellationToken ct = default)
    {
        if (!command.Approve && (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Trim().Length > 200))
        {
            return Task.FromResult(AppResult<ManualReimbursement>.Fail(new AppError(SettlementErrors.Validation, "驳回原因：不能为空，且不能超过 200 个字符", "reason")));
        }

        return db.InTransactionAsync(() => ReviewAsync(command, ct), ct);
    }

    /// <summary>The reimbursement <paramref name="id"/>, tracked, read again after locking its person (else the not-found error).</summary>
    internal static async Task<(ManualReimbursement Record, AppError? Error)> LockedAsync(IAppDbContext db, IPersonSettlementLock personLock, long id, CancellationToken ct)
    {
        var personId = await db.ManualReimbursements.Where(x => x.Id == id).Select(x => (long?)x.PersonId).FirstOrDefaultAsync(ct);
        if (personId is null)
        {
            return (null!, new AppError(ReimbursementErrors.NotFound, $"报销单：编号 {id} 不存在", "id"));
        }

        await personLock.LockAsync(personId.Value, ct);
        return (await db.ManualReimbursements.FirstAsync(x => x.Id == id, ct), null);
    }

    private async Task<AppResult<ManualReimbursement>> ReviewAsync(ReviewManualReimbursement command, CancellationToken ct)
    {
        static AppResult<ManualReimbursement> Fail(AppError e) => AppResult<ManualReimbursement>.Fail(e);
        var (r, notFound) = await LockedAsync(db, personLock, command.Id, ct);
        if (notFound is not null)
        {
            return Fail(notFound);
        }

        if (r.Status != ReimbursementStatus.Pending)
        {
            return Fail(new AppError(ReimbursementErrors.NotPending, $"报销单 {r.ReimbNo}：状态为“{ManualReimbursement.StatusName(r.Status)}”，只有待审核的报销单可以审核", "status"));
        }

        var me = user.UserId ?? user.UserName;
        if (string.Equals(r.CreatedById, me, StringComparison.Ordinal))
        {
            return Fail(new AppError(ReimbursementErrors.SelfReview, $"报销单 {r.ReimbNo}：录入人（{r.CreatedBy}）不能审核自己录入的报销单，请由其他审核员审核", "reviewer"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        r.ReviewedById = me;
        r.ReviewedBy = user.UserName;
        r.ReviewedAt = now;
        if (!command.Approve)
        {
            r.Status = ReimbursementStatus.Rejected;
            r.RejectReason = command.Reason!.Trim();
            await db.SaveChangesAsync(ct);
            return AppResult<ManualReimbursement>.Ok(r);
        }

        // Recompute with the accumulators as they are now (other settlements may have happened since entry).
        var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == r.PersonId, ct);
        var error = await ManualReimbursementEngine.ComputeAsync(db, reference, r, person, ct);
        if (error is not null)
        {
            return Fail(error);
        }

        var today = clock.TodayInChina();
        var lines = Postings(r);
        if (lines.Count > 0)
        {
            var entry = JournalEntry.Create(today, $"手工报销 {r.ReimbNo}（{r.PsnName}，{r.InstitutionName}，发票 {r.InvoiceNo}）", SourceType, r.ReimbNo, lines);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            r.JournalEntryId = entry.Id;
        }

        var accRow = await db.PersonAccumulators.FirstOrDefaultAsync(a => a.PersonId == r.PersonId && a.Year == r.Year, ct);
        if (accRow is null)
        {
            db.PersonAccumulators.Add(new PersonAccumulator { PersonId = r.PersonId, Year = r.Year, ValuesJson = r.AccumulatorsAfterJson!, Version = 1, UpdatedAt = now });
        }
        else
        {
            accRow.ValuesJson = r.AccumulatorsAfterJson!;
            accRow.Version++;
            accRow.UpdatedAt = now;
        }

        r.Status = ReimbursementStatus.Approved;
        r.PaidDate = today;
        await db.SaveChangesAsync(ct);
        return AppResult<ManualReimbursement>.Ok(r);
    }

    /// <summary>Balanced postings: each fund that pays debits its expense account and credits 银行存款（支出户）.</summary>
    public static List<JournalLine> Postings(ManualReimbursement r)
    {
        var lines = new List<JournalLine>();
        void Post(FundCode fund, string expense, decimal amount)
        {
            if (amount > 0)
            {
                lines.Add(JournalLine.Dr(fund, expense, amount, r.PersonId));
                lines.Add(JournalLine.Cr(fund, LedgerAccounts.BankExpenditure, amount, r.PersonId));
            }
        }

        var employee = r.Insutype is "310" or "320" or "330" or "340";
        Post(employee ? FundCode.EmployeePool : FundCode.ResidentPool, LedgerAccounts.BenefitExpense, r.HifpPay);
        Post(FundCode.CivilServantSubsidy, LedgerAccounts.BenefitExpense, r.CvlservPay);
        Post(FundCode.LargeExpenseSubsidy, LedgerAccounts.BenefitExpense, r.HifobPay);
        Post(FundCode.CriticalIllness, LedgerAccounts.BenefitExpense, r.HifmiPay);
        Post(FundCode.DisabledVeteran, LedgerAccounts.BenefitExpense, r.HifdmPay);
        Post(FundCode.MedicalAssistance, LedgerAccounts.BenefitExpense, r.MafPay);
        Post(FundCode.RetiredCadre, LedgerAccounts.BenefitExpense, r.OthPay);
        Post(FundCode.EmployeePersonalAccount, LedgerAccounts.AccountMedicalPayment, r.AcctPay);
        return lines;
    }
}
