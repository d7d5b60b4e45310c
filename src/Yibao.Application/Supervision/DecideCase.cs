using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>
/// 处理决定 on a case under investigation. Outcomes: 追回 of fund payments (amount, posted Dr 1205 应收追回款及违约金 / Cr 5001 医疗待遇支出 in the
/// case's fund), 违约金 as a multiple of the 追回金额 within the policy's range (Dr 1205 / Cr 4005 违约金收入), suspension of the institution's
/// agreement (Institution 暂停 with the dates in the reason, effective at once, so the settlement service refuses it) and suspension of a
/// practitioner (recorded). All in one transaction with the case step; at least one outcome is required.
/// </summary>
public sealed record DecideCase(long CaseId, DateOnly Date, string DecisionNo, string Reason, decimal RecoveryAmount, decimal? PenaltyMultiple,
    DateOnly? SuspendFrom = null, DateOnly? SuspendTo = null, string? PractitionerName = null, string? PractitionerCode = null,
    DateOnly? PractitionerFrom = null, DateOnly? PractitionerTo = null);

public sealed class DecideCaseValidator : AbstractValidator<DecideCase>
{
    public DecideCaseValidator()
    {
        RuleFor(x => x.DecisionNo).NotEmpty().WithMessage("处理决定书文号：不能为空").MaximumLength(60).WithMessage("处理决定书文号：不能超过 60 个字符");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("处理决定理由：不能为空").MaximumLength(500).WithMessage("处理决定理由：不能超过 500 个字符");
        RuleFor(x => x.RecoveryAmount).GreaterThanOrEqualTo(0).WithMessage("追回金额：不能为负数")
            .Must(a => decimal.Round(a, 2) == a).WithMessage("追回金额：最多两位小数（精确到分）")
            .LessThan(1_000_000_000m).WithMessage("追回金额：超出范围");
        RuleFor(x => x.PenaltyMultiple).Null().When(x => x.RecoveryAmount == 0).WithMessage("违约金倍数：违约金按追回金额的倍数计算，没有追回金额时不能处违约金");
        RuleFor(x => x.SuspendTo).NotNull().When(x => x.SuspendFrom is not null).WithMessage("暂停协议结束日期：暂停协议须填写起止日期");
        RuleFor(x => x.SuspendTo).Null().When(x => x.SuspendFrom is null).WithMessage("暂停协议开始日期：暂停协议须填写起止日期");
        RuleFor(x => x.SuspendTo).GreaterThanOrEqualTo(x => x.SuspendFrom).When(x => x.SuspendFrom is not null && x.SuspendTo is not null).WithMessage("暂停协议结束日期：不能早于开始日期");
        RuleFor(x => x.PractitionerFrom).NotNull().When(x => !string.IsNullOrWhiteSpace(x.PractitionerName)).WithMessage("暂停医师资格开始日期：暂停医保医师须填写起止日期");
        RuleFor(x => x.PractitionerTo).NotNull().When(x => !string.IsNullOrWhiteSpace(x.PractitionerName)).WithMessage("暂停医师资格结束日期：暂停医保医师须填写起止日期");
        RuleFor(x => x.PractitionerTo).GreaterThanOrEqualTo(x => x.PractitionerFrom).When(x => x.PractitionerFrom is not null && x.PractitionerTo is not null).WithMessage("暂停医师资格结束日期：不能早于开始日期");
        RuleFor(x => x.PractitionerName).NotEmpty().When(x => x.PractitionerFrom is not null || !string.IsNullOrWhiteSpace(x.PractitionerCode)).WithMessage("医保医师姓名：暂停医保医师须填写姓名");
        RuleFor(x => x.PractitionerName).MaximumLength(50).WithMessage("医保医师姓名：不能超过 50 个字符");
        RuleFor(x => x.PractitionerCode).MaximumLength(30).WithMessage("医保医师编码：不能超过 30 个字符");
        RuleFor(x => x).Must(x => x.RecoveryAmount > 0 || x.SuspendFrom is not null || !string.IsNullOrWhiteSpace(x.PractitionerName))
            .WithMessage("处理结果：至少须有追回、违约金、暂停协议或暂停医保医师之一").OverridePropertyName("outcomes");
    }
}

public sealed class DecideCaseHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string RecoverySource = "supervision-recovery";
    public const string PenaltySource = "supervision-penalty";
    private static readonly DecideCaseValidator Validator = new();

    public async Task<AppResult<SupervisionCase>> HandleAsync(DecideCase c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<SupervisionCase>.Fail(v.ToAppErrors());
        }

        var today = clock.TodayInChina();
        if (c.Date > today)
        {
            return SupervisionSupport.Fail<SupervisionCase>("决定日期：不能晚于今天", "date");
        }

        if (c.SuspendFrom is { } from && from > today)
        {
            return SupervisionSupport.Fail<SupervisionCase>("暂停协议开始日期：暂停自决定执行之日起生效，开始日期不能晚于今天", "suspend_from");
        }

        if (c.SuspendTo is { } to && to < today)
        {
            return SupervisionSupport.Fail<SupervisionCase>("暂停协议结束日期：已经过去，无须暂停", "suspend_to");
        }

        return await SupervisionSupport.RunAsync(db, () => DecideAsync(c, ct), ct);
    }

    private async Task<AppResult<SupervisionCase>> DecideAsync(DecideCase c, CancellationToken ct)
    {
        var sc = await db.SupervisionCases.Include(x => x.Steps).Include(x => x.Outcomes).FirstOrDefaultAsync(x => x.Id == c.CaseId, ct);
        if (sc is null)
        {
            return SupervisionSupport.Fail<SupervisionCase>("案件：不存在", "case_id", SupervisionErrors.NotFound);
        }

        var institution = await db.Institutions.SingleAsync(i => i.Id == sc.InstitutionId, ct);
        var decisionNo = c.DecisionNo.Trim();
        CaseWorkflow.Apply(sc, CaseAction.Decide, c.Date, user.UserName, c.Reason, clock.Now());
        sc.DecisionNo = decisionNo;

        var policy = await SupervisionSupport.PolicyOnAsync(db, c.Date, ct);
        var fundName = JournalEntry.FundName(sc.Fund);
        if (c.RecoveryAmount > 0)
        {
            var entry = await ReceivableAsync(sc, institution, c.RecoveryAmount, LedgerAccounts.BenefitExpense, RecoverySource,
                $"稽核追回 {institution.Name} 违规医保基金（{sc.CaseNo}，{decisionNo}，{fundName}）", c.Date, ct);
            sc.Outcomes.Add(new CaseOutcome { Kind = OutcomeKind.Recovery, Fund = sc.Fund, Amount = c.RecoveryAmount, ReceivableEntryId = entry.Id });
        }

        if (c.PenaltyMultiple is { } multiple)
        {
            var penalty = policy.Penalty(c.RecoveryAmount, multiple);
            if (penalty > 0)
            {
                var entry = await ReceivableAsync(sc, institution, penalty, LedgerAccounts.PenaltyIncome, PenaltySource,
                    $"{institution.Name} 违约金（追回金额 {Money.FormatYuan(c.RecoveryAmount)} 元 × {multiple.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} 倍，{sc.CaseNo}）", c.Date, ct);
                sc.Outcomes.Add(new CaseOutcome { Kind = OutcomeKind.Penalty, Fund = sc.Fund, Amount = penalty, Multiple = multiple, ReceivableEntryId = entry.Id });
            }
        }

        if (c.SuspendFrom is { } sFrom && c.SuspendTo is { } sTo)
        {
            if (institution.Status == AgreementStatus.Terminated)
            {
                return SupervisionSupport.Fail<SupervisionCase>($"暂停协议：{institution.Name} 的协议已解除，不能暂停", "suspend_from", "institution-terminated");
            }

            institution.Status = AgreementStatus.Suspended;
            institution.StatusReason = $"稽核处理决定 {decisionNo}（{sc.CaseNo}）：暂停协议 {sFrom:yyyy-MM-dd} 至 {sTo:yyyy-MM-dd}";
            sc.Outcomes.Add(new CaseOutcome { Kind = OutcomeKind.InstitutionSuspension, Fund = sc.Fund, FromDate = sFrom, ToDate = sTo });
        }

        if (!string.IsNullOrWhiteSpace(c.PractitionerName))
        {
            sc.Outcomes.Add(new CaseOutcome
            {
                Kind = OutcomeKind.PractitionerSuspension,
                Fund = sc.Fund,
                PractitionerName = c.PractitionerName.Trim(),
                PractitionerCode = string.IsNullOrWhiteSpace(c.PractitionerCode) ? null : c.PractitionerCode.Trim(),
                FromDate = c.PractitionerFrom,
                ToDate = c.PractitionerTo,
            });
        }

        await db.SaveChangesAsync(ct);
        return AppResult<SupervisionCase>.Ok(sc);
    }

    /// <summary>Dr 1205 应收追回款及违约金 / Cr <paramref name="creditAccount"/>, both with the institution, in the case's fund; saved so the outcome can refer to it.</summary>
    private async Task<JournalEntry> ReceivableAsync(SupervisionCase sc, Institution institution, decimal amount, string creditAccount, string source, string memo, DateOnly date, CancellationToken ct)
    {
        var entry = JournalEntry.Create(date, memo.Length > 200 ? memo[..200] : memo, source, sc.CaseNo,
        [
            new JournalLine { Fund = sc.Fund, AccountCode = LedgerAccounts.SupervisionReceivable, Debit = amount, InstitutionId = institution.Id },
            new JournalLine { Fund = sc.Fund, AccountCode = creditAccount, Credit = amount, InstitutionId = institution.Id },
        ]);
        db.JournalEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }
}
