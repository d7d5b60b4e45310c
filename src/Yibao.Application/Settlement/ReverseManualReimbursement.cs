using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// 撤销已审核的手工报销 (审核员, with a reason). Approval pays the person at once (the payment is posted to 银行存款（支出户）
/// on the approval date), so an approved reimbursement is always already paid: the agency does not take money back by
/// deleting anything — it reverses the benefit and records what the person owes back. In one transaction under the
/// person's lock: status 已撤销 with the reason and the reviewer; one reversing entry, per fund that paid,
/// Dr 应收个人退回待遇款 (1206, on the person) / Cr 医疗待遇支出 (5001; 个人账户 5002); the person's accumulators of the year
/// lose exactly what the approval added (after − before, like 2208). The approval entry stays. When the person repays,
/// 财务 records 退回到账 (<see cref="RecordReimbursementRefund"/>: Dr 银行存款 1002 / Cr 1206), which clears the receivable.
/// The invoice may then be entered again (a 已撤销 reimbursement no longer blocks its invoice number).
/// </summary>
public sealed record ReverseManualReimbursement(long Id, string Reason);

public static class ReimbursementReversal
{
    public const string SourceType = "manual-reimbursement-reversal";
    public const string RefundSourceType = "manual-reimbursement-refund";
    public const string NotApproved = "reimbursement-not-approved";
    public const string NotReversed = "reimbursement-not-reversed";
    public const string AlreadyRefunded = "refund-already-recorded";
}

public sealed class ReverseManualReimbursementHandler(IAppDbContext db, IPersonSettlementLock personLock, ICurrentUser user, TimeProvider clock)
{
    public Task<AppResult<ManualReimbursement>> HandleAsync(ReverseManualReimbursement command, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Trim().Length > 200)
        {
            return Task.FromResult(AppResult<ManualReimbursement>.Fail(new AppError(SettlementErrors.Validation, "撤销原因 reason：不能为空，且不能超过 200 个字符", "reason")));
        }

        return db.InTransactionAsync(() => ReverseAsync(command, ct), ct);
    }

    private async Task<AppResult<ManualReimbursement>> ReverseAsync(ReverseManualReimbursement command, CancellationToken ct)
    {
        static AppResult<ManualReimbursement> Fail(AppError e) => AppResult<ManualReimbursement>.Fail(e);
        var (r, notFound) = await ReviewManualReimbursementHandler.LockedAsync(db, personLock, command.Id, ct);
        if (notFound is not null)
        {
            return Fail(notFound);
        }

        if (r.Status != ReimbursementStatus.Approved)
        {
            return Fail(new AppError(ReimbursementReversal.NotApproved,
                $"报销单 {r.ReimbNo}：状态为“{ManualReimbursement.StatusName(r.Status)}”，只有已审核（已支付）的报销单可以撤销" +
                (r.Status == ReimbursementStatus.Pending ? "；待审核的报销单请直接驳回" : ""), "status"));
        }

        var today = clock.TodayInChina();
        var original = ReviewManualReimbursementHandler.Postings(r);
        if (original.Count > 0)
        {
            // The mirror of the approval: each expense debit becomes a credit, each bank credit becomes a receivable on the person.
            var lines = original.Select(l => l.Debit > 0
                ? JournalLine.Cr(l.Fund, l.AccountCode, l.Debit, r.PersonId)
                : JournalLine.Dr(l.Fund, LedgerAccounts.PersonRefundReceivable, l.Credit, r.PersonId)).ToList();
            var entry = JournalEntry.Create(today, $"撤销手工报销 {r.ReimbNo}（{r.PsnName}，发票 {r.InvoiceNo}）：{command.Reason.Trim()}，应收个人退回",
                ReimbursementReversal.SourceType, r.ReimbNo, lines, r.JournalEntryId);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            r.ReversalJournalEntryId = entry.Id;
        }

        if (r.AccumulatorsBeforeJson is not null && r.AccumulatorsAfterJson is not null)
        {
            var accRow = await db.PersonAccumulators.FirstOrDefaultAsync(a => a.PersonId == r.PersonId && a.Year == r.Year, ct);
            if (accRow is not null)
            {
                var current = OnlineSettlement.ReadAccumulators(accRow.ValuesJson);
                var before = OnlineSettlement.ReadAccumulators(r.AccumulatorsBeforeJson);
                var after = OnlineSettlement.ReadAccumulators(r.AccumulatorsAfterJson);
                foreach (var key in after.Keys.Union(before.Keys, StringComparer.Ordinal).ToList())
                {
                    current[key] = current.GetValueOrDefault(key) - (after.GetValueOrDefault(key) - before.GetValueOrDefault(key));
                }

                accRow.ValuesJson = OnlineSettlement.WriteAccumulators(current);
                accRow.Version++;
                accRow.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            }
        }

        r.Status = ReimbursementStatus.Reversed;
        r.ReversalReason = command.Reason.Trim();
        r.ReversedById = user.UserId ?? user.UserName;
        r.ReversedBy = user.UserName;
        r.ReversedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return AppResult<ManualReimbursement>.Ok(r);
    }
}

/// <summary>退回到账 (财务): the person has repaid a reversed reimbursement; per fund Dr 银行存款 (1002) / Cr 应收个人退回待遇款 (1206).</summary>
public sealed record RecordReimbursementRefund(long Id, DateOnly ReceivedDate);

public sealed class RecordReimbursementRefundHandler(IAppDbContext db, TimeProvider clock)
{
    public Task<AppResult<ManualReimbursement>> HandleAsync(RecordReimbursementRefund command, CancellationToken ct = default)
    {
        if (command.ReceivedDate == default || command.ReceivedDate > clock.TodayInChina())
        {
            return Task.FromResult(AppResult<ManualReimbursement>.Fail(new AppError(SettlementErrors.Validation, "到账日期 received_date：不能为空，且不能晚于今天", "received_date")));
        }

        return db.InTransactionAsync(() => RecordAsync(command, ct), ct);
    }

    private async Task<AppResult<ManualReimbursement>> RecordAsync(RecordReimbursementRefund command, CancellationToken ct)
    {
        var r = await db.ManualReimbursements.FirstOrDefaultAsync(x => x.Id == command.Id, ct);
        if (r is null)
        {
            return AppResult<ManualReimbursement>.Fail(new AppError(ReimbursementErrors.NotFound, $"报销单：编号 {command.Id} 不存在", "id"));
        }

        if (r.Status != ReimbursementStatus.Reversed)
        {
            return AppResult<ManualReimbursement>.Fail(new AppError(ReimbursementReversal.NotReversed, $"报销单 {r.ReimbNo}：状态为“{ManualReimbursement.StatusName(r.Status)}”，只有已撤销的报销单才有应收退回款", "status"));
        }

        if (r.RefundReceivedDate is not null)
        {
            return AppResult<ManualReimbursement>.Fail(new AppError(ReimbursementReversal.AlreadyRefunded, $"报销单 {r.ReimbNo}：退回款已于 {r.RefundReceivedDate:yyyy-MM-dd} 登记到账，不能重复登记", "status"));
        }

        var lines = ReviewManualReimbursementHandler.Postings(r).Where(l => l.Credit > 0)
            .SelectMany(l => new[] { JournalLine.Dr(l.Fund, LedgerAccounts.BankIncome, l.Credit, r.PersonId), JournalLine.Cr(l.Fund, LedgerAccounts.PersonRefundReceivable, l.Credit, r.PersonId) })
            .ToList();
        if (lines.Count > 0)
        {
            var entry = JournalEntry.Create(command.ReceivedDate, $"手工报销 {r.ReimbNo} 撤销后个人退回款到账（{r.PsnName}）", ReimbursementReversal.RefundSourceType, r.ReimbNo, lines);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            r.RefundJournalEntryId = entry.Id;
        }

        r.RefundReceivedDate = command.ReceivedDate;
        await db.SaveChangesAsync(ct);
        return AppResult<ManualReimbursement>.Ok(r);
    }
}
