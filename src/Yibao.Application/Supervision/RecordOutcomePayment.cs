using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>
/// 到账登记 by 财务: the institution paid a 追回 or 违约金 in full. One balanced entry Dr 1002 银行存款（收入户） / Cr 1205 应收追回款及违约金 (with the
/// institution) in the outcome's fund. A 缴款单号 is recorded once; an outcome is paid once; partial payments are not supported.
/// </summary>
public sealed record RecordOutcomePayment(long OutcomeId, DateOnly PaidOn, string PaymentNo);

public sealed class RecordOutcomePaymentValidator : AbstractValidator<RecordOutcomePayment>
{
    public RecordOutcomePaymentValidator()
    {
        RuleFor(x => x.PaymentNo).NotEmpty().WithMessage("缴款单号：不能为空").MaximumLength(40).WithMessage("缴款单号：不能超过 40 个字符");
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
            var o = await db.CaseOutcomes.FirstOrDefaultAsync(x => x.Id == c.OutcomeId, ct);
            if (o is null)
            {
                return SupervisionSupport.Fail<CaseOutcome>("处理结果：不存在", "outcome_id", SupervisionErrors.NotFound);
            }

            if (!o.IsMoney)
            {
                return SupervisionSupport.Fail<CaseOutcome>("到账登记：只有追回款和违约金需要登记到账", "outcome_id");
            }

            if (o.PaidOn is not null)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"到账登记：该{CaseWorkflow.OutcomeName(o.Kind)}已于 {o.PaidOn:yyyy-MM-dd} 到账（缴款单号 {o.PaymentNo}），不能重复登记", "outcome_id", "already-paid");
            }

            var no = c.PaymentNo.Trim();
            if (await db.CaseOutcomes.AnyAsync(x => x.PaymentNo == no, ct))
            {
                return SupervisionSupport.Fail<CaseOutcome>($"缴款单号：“{no}”已经登记过", "payment_no", SupervisionErrors.DuplicateNo);
            }

            var sc = await db.SupervisionCases.AsNoTracking().SingleAsync(x => x.Id == o.CaseId, ct);
            if (c.PaidOn < sc.DecidedOn)
            {
                return SupervisionSupport.Fail<CaseOutcome>($"到账日期：不能早于处理决定日期 {sc.DecidedOn:yyyy-MM-dd}", "paid_on");
            }

            var institution = await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == sc.InstitutionId, ct);
            var entry = JournalEntry.Create(c.PaidOn, $"收到 {institution.Name} 缴纳{CaseWorkflow.OutcomeName(o.Kind)}（{sc.CaseNo}，缴款单号 {no}）", SourceType, no,
            [
                new JournalLine { Fund = o.Fund, AccountCode = LedgerAccounts.BankIncome, Debit = o.Amount, InstitutionId = institution.Id },
                new JournalLine { Fund = o.Fund, AccountCode = LedgerAccounts.SupervisionReceivable, Credit = o.Amount, InstitutionId = institution.Id },
            ]);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            o.PaidOn = c.PaidOn;
            o.PaymentNo = no;
            o.PaymentEntryId = entry.Id;
            o.PaidRecordedBy = user.UserName;
            await db.SaveChangesAsync(ct);
            return AppResult<CaseOutcome>.Ok(o);
        }, ct);
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
