using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>
/// 到账登记 by 财务: the institution paid (part of) a 追回 or 违约金. Each payment is one <see cref="OutcomePayment"/> with one balanced entry
/// Dr 1002 银行存款（收入户） / Cr 1205 应收追回款及违约金 (with the institution) in the outcome's fund. Several payments are allowed until the
/// outcome is settled (部分缴纳 → 已缴清); <see cref="Amount"/> defaults to what is still owed and may not exceed it. A 缴款单号 is recorded once.
/// </summary>
public sealed record RecordOutcomePayment(long OutcomeId, DateOnly PaidOn, string PaymentNo, decimal? Amount = null);

public sealed class RecordOutcomePaymentValidator : AbstractValidator<RecordOutcomePayment>
{
    public RecordOutcomePaymentValidator()
    {
        RuleFor(x => x.PaymentNo).NotEmpty().WithMessage("缴款单号：不能为空").MaximumLength(40).WithMessage("缴款单号：不能超过 40 个字符");
        RuleFor(x => x.Amount).GreaterThan(0m).WithMessage("缴款金额：必须大于 0").When(x => x.Amount is not null).OverridePropertyName("amount");
        RuleFor(x => x.Amount).Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("缴款金额：最多两位小数（分）").OverridePropertyName("amount");
    }
}

public sealed class RecordOutcomePaymentHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string SourceType = "supervision-payment";
    private static readonly RecordOutcomePaymentValidator Validator = new();

    public async Task<AppResult<CaseOutcome>> HandleAsync(RecordOutcomePayment c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<CaseOutcome>.Fail(v.ToAppErrors());
        }

        if (c.PaidOn > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<CaseOutcome>("到账日期：不能晚于今天", "paid_on");
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var o = await db.CaseOutcomes.Include(x => x.Payments).FirstOrDefaultAsync(x => x.Id == c.OutcomeId, ct);
            if (o is null)
            {
                return SupervisionSupport.Fail<CaseOutcome>("处理结果：不存在", "outcome_id", SupervisionErrors.NotFound);
            }

            if (!o.IsMoney)
            {
                return SupervisionSupport.Fail<CaseOutcome>("到账登记：只有追回款和违约金需要登记到账", "outcome_id");
            }

            if (o.ReversedOn is not null)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"到账登记：该{CaseWorkflow.OutcomeName(o.Kind)}已于 {o.ReversedOn:yyyy-MM-dd} 申诉改判撤销，不能再登记到账", "outcome_id", "outcome-reversed");
            }

            if (o.Outstanding <= 0)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"到账登记：该{CaseWorkflow.OutcomeName(o.Kind)}已于 {o.PaidOn:yyyy-MM-dd} 缴清（缴款单号 {o.PaymentNo}），不能重复登记", "outcome_id", "already-paid");
            }

            var amount = c.Amount ?? o.Outstanding;
            if (amount > o.Outstanding)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"缴款金额：{amount:0.00} 元超过未缴金额 {o.Outstanding:0.00} 元", "amount");
            }

            var no = c.PaymentNo.Trim();
            if (await db.OutcomePayments.AnyAsync(x => x.PaymentNo == no, ct) || await db.CaseOutcomes.AnyAsync(x => x.PaymentNo == no, ct))
            {
                return SupervisionSupport.Fail<CaseOutcome>($"缴款单号：“{no}”已经登记过", "payment_no", SupervisionErrors.DuplicateNo);
            }

            var sc = await db.SupervisionCases.AsNoTracking().SingleAsync(x => x.Id == o.CaseId, ct);
            if (c.PaidOn < sc.DecidedOn)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"到账日期：不能早于处理决定日期 {sc.DecidedOn:yyyy-MM-dd}", "paid_on");
            }

            var institution = await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == sc.InstitutionId, ct);
            var settles = amount == o.Outstanding;
            var memo = $"收到 {institution.Name} 缴纳{CaseWorkflow.OutcomeName(o.Kind)}{(settles ? "" : "（部分）")}（{sc.CaseNo}，缴款单号 {no}）";
            var entry = JournalEntry.Create(c.PaidOn, memo.Length > 200 ? memo[..200] : memo, SourceType, no,
            [
                new JournalLine { Fund = o.Fund, AccountCode = LedgerAccounts.BankIncome, Debit = amount, InstitutionId = institution.Id },
                new JournalLine { Fund = o.Fund, AccountCode = LedgerAccounts.SupervisionReceivable, Credit = amount, InstitutionId = institution.Id },
            ]);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            o.Payments.Add(new OutcomePayment { PaidOn = c.PaidOn, Amount = amount, PaymentNo = no, JournalEntryId = entry.Id, RecordedBy = user.UserName, RecordedAt = clock.Now() });
            o.PaidAmount = o.Paid + amount;
            o.PaidRecordedBy = user.UserName;
            if (settles)
            {
                o.PaidOn = c.PaidOn;
                o.PaymentNo = no;
                o.PaymentEntryId = entry.Id;
            }

            await db.SaveChangesAsync(ct);
            return AppResult<CaseOutcome>.Ok(o);
        }, ct);
    }
}

/// <summary>
/// 申诉改判: an outcome overturned on appeal (行政复议/申诉). Its entries are reversed by new entries, never deleted: the receivable
/// (追回 Dr 5001 / Cr 1205, 违约金 Dr 4005 / Cr 1205) for the whole amount, and what was already paid is refunded (Dr 1205 / Cr 1002), so
/// 1205 of the outcome returns to 0. A suspension overturned is lifted (the institution settles again unless another suspension is
/// in force). Recorded once, with the date and reason.
/// </summary>
public sealed record ReverseOutcome(long OutcomeId, DateOnly Date, string Reason);

public sealed class ReverseOutcomeHandler(IAppDbContext db, TimeProvider clock)
{
    public const string SourceType = "supervision-appeal";

    public async Task<AppResult<CaseOutcome>> HandleAsync(ReverseOutcome c, CancellationToken ct = default)
    {
        var reason = (c.Reason ?? "").Trim();
        if (reason.Length == 0)
        {
            return SupervisionSupport.Fail<CaseOutcome>("改判理由：不能为空（写明申诉或复议决定）", "reason");
        }

        if (reason.Length > 500)
        {
            return SupervisionSupport.Fail<CaseOutcome>("改判理由：不能超过 500 个字符", "reason");
        }

        if (c.Date > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<CaseOutcome>("改判日期：不能晚于今天", "date");
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var o = await db.CaseOutcomes.FirstOrDefaultAsync(x => x.Id == c.OutcomeId, ct);
            if (o is null)
            {
                return SupervisionSupport.Fail<CaseOutcome>("处理结果：不存在", "outcome_id", SupervisionErrors.NotFound);
            }

            if (o.ReversedOn is not null)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"申诉改判：该{CaseWorkflow.OutcomeName(o.Kind)}已于 {o.ReversedOn:yyyy-MM-dd} 撤销", "outcome_id", "outcome-reversed");
            }

            var sc = await db.SupervisionCases.AsNoTracking().SingleAsync(x => x.Id == o.CaseId, ct);
            if (c.Date < sc.DecidedOn)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"改判日期：不能早于处理决定日期 {sc.DecidedOn:yyyy-MM-dd}", "date");
            }

            var institution = await db.Institutions.SingleAsync(i => i.Id == sc.InstitutionId, ct);
            if (o.IsMoney)
            {
                var income = o.Kind == OutcomeKind.Recovery ? LedgerAccounts.BenefitExpense : LedgerAccounts.PenaltyIncome;
                var lines = new List<JournalLine>
                {
                    new() { Fund = o.Fund, AccountCode = income, Debit = o.Amount, InstitutionId = institution.Id },
                    new() { Fund = o.Fund, AccountCode = LedgerAccounts.SupervisionReceivable, Credit = o.Amount, InstitutionId = institution.Id },
                };
                var paid = o.Paid;
                if (paid > 0)
                {
                    lines.Add(new JournalLine { Fund = o.Fund, AccountCode = LedgerAccounts.SupervisionReceivable, Debit = paid, InstitutionId = institution.Id });
                    lines.Add(new JournalLine { Fund = o.Fund, AccountCode = LedgerAccounts.BankIncome, Credit = paid, InstitutionId = institution.Id });
                }

                var memo = $"申诉改判撤销{CaseWorkflow.OutcomeName(o.Kind)}（{sc.CaseNo}，{institution.Name}）{(paid > 0 ? $"，退还已缴 {paid:0.00} 元" : "")}";
                var entry = JournalEntry.Create(c.Date, memo.Length > 200 ? memo[..200] : memo, SourceType,
                    string.Create(CultureInfo.InvariantCulture, $"{sc.CaseNo}-{o.Id}"), lines);
                db.JournalEntries.Add(entry);
                await db.SaveChangesAsync(ct);
                o.ReversalEntryId = entry.Id;
            }
            else if (o.Kind == OutcomeKind.InstitutionSuspension && o.LiftedOn is null)
            {
                o.LiftedOn = c.Date;
                await SuspensionExpiry.RestoreIfNoOtherAsync(db, institution, o.Id, c.Date, ct);
            }

            o.ReversedOn = c.Date;
            o.ReversalReason = reason;
            await db.SaveChangesAsync(ct);
            return AppResult<CaseOutcome>.Ok(o);
        }, ct);
    }
}

/// <summary>
/// 暂停到期自动恢复: every institution suspension whose end date has passed (today &gt; 暂停结束日期), not lifted nor overturned, is lifted
/// on the day after its end; the institution returns to 正常 unless another suspension is still in force. Run by
/// <c>yibao supervision lift-expired</c> (daily job) and by the button on /Supervision/Cases; safe to repeat.
/// </summary>
public sealed record LiftExpiredSuspensions;

public sealed record LiftedSuspension(long OutcomeId, string CaseNo, string InstitutionCode, string InstitutionName, DateOnly ToDate, DateOnly LiftedOn);

public sealed class LiftExpiredSuspensionsHandler(IAppDbContext db, TimeProvider clock)
{
    public async Task<AppResult<IReadOnlyList<LiftedSuspension>>> HandleAsync(LiftExpiredSuspensions c, CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        return await SupervisionSupport.RunAsync<IReadOnlyList<LiftedSuspension>>(db, async () =>
        {
            var due = await db.CaseOutcomes.Where(o => o.Kind == OutcomeKind.InstitutionSuspension && o.LiftedOn == null && o.ReversedOn == null && o.ToDate != null && o.ToDate < today)
                .OrderBy(o => o.Id).ToListAsync(ct);
            var lifted = new List<LiftedSuspension>(due.Count);
            foreach (var o in due)
            {
                var sc = await db.SupervisionCases.AsNoTracking().SingleAsync(x => x.Id == o.CaseId, ct);
                var institution = await db.Institutions.SingleAsync(i => i.Id == sc.InstitutionId, ct);
                o.LiftedOn = o.ToDate!.Value.AddDays(1);
                await SuspensionExpiry.RestoreIfNoOtherAsync(db, institution, o.Id, today, ct);
                lifted.Add(new LiftedSuspension(o.Id, sc.CaseNo, institution.Code, institution.Name, o.ToDate.Value, o.LiftedOn.Value));
            }

            await db.SaveChangesAsync(ct);
            return AppResult<IReadOnlyList<LiftedSuspension>>.Ok(lifted);
        }, ct);
    }
}

internal static class SuspensionExpiry
{
    /// <summary>Back to 正常 when the institution is 暂停 and no other suspension outcome of it is still in force on <paramref name="on"/>.</summary>
    public static async Task RestoreIfNoOtherAsync(IAppDbContext db, Institution institution, long outcomeId, DateOnly on, CancellationToken ct)
    {
        if (institution.Status != AgreementStatus.Suspended)
        {
            return;
        }

        var caseIds = db.SupervisionCases.Where(x => x.InstitutionId == institution.Id).Select(x => x.Id);
        var other = await db.CaseOutcomes.AnyAsync(o => caseIds.Contains(o.CaseId) && o.Id != outcomeId && o.Kind == OutcomeKind.InstitutionSuspension
            && o.LiftedOn == null && o.ReversedOn == null && (o.ToDate == null || o.ToDate >= on), ct);
        if (!other)
        {
            institution.Status = AgreementStatus.Active;
            institution.StatusReason = null;
        }
    }
}

/// <summary>恢复协议: lifts a suspension decided on a case (early or at its end); the institution becomes 正常 again and settles.</summary>
public sealed record LiftSuspension(long OutcomeId, DateOnly Date);

public sealed class LiftSuspensionHandler(IAppDbContext db, TimeProvider clock)
{
    public async Task<AppResult<CaseOutcome>> HandleAsync(LiftSuspension c, CancellationToken ct = default)
    {
        if (c.Date > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<CaseOutcome>("恢复日期：不能晚于今天", "date");
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var o = await db.CaseOutcomes.FirstOrDefaultAsync(x => x.Id == c.OutcomeId, ct);
            if (o is not { Kind: OutcomeKind.InstitutionSuspension })
            {
                return SupervisionSupport.Fail<CaseOutcome>("恢复协议：不是暂停协议的处理结果", "outcome_id", SupervisionErrors.NotFound);
            }

            if (o.LiftedOn is not null)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"恢复协议：已于 {o.LiftedOn:yyyy-MM-dd} 恢复", "outcome_id", "already-lifted");
            }

            if (c.Date < o.FromDate)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"恢复日期：不能早于暂停开始日期 {o.FromDate:yyyy-MM-dd}", "date");
            }

            var sc = await db.SupervisionCases.AsNoTracking().SingleAsync(x => x.Id == o.CaseId, ct);
            var institution = await db.Institutions.SingleAsync(i => i.Id == sc.InstitutionId, ct);
            if (institution.Status == AgreementStatus.Suspended)
            {
                institution.Status = AgreementStatus.Active;
                institution.StatusReason = null;
            }

            o.LiftedOn = c.Date;
            await db.SaveChangesAsync(ct);
            return AppResult<CaseOutcome>.Ok(o);
        }, ct);
    }
}
