using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>举报奖励发放 by 财务: one balanced entry Dr 5201 举报奖励支出 / Cr 1003 银行存款（支出户） in the case's fund; paid once.</summary>
public sealed record PayComplaintReward(long ComplaintId, DateOnly PaidOn, string VoucherNo);

public sealed class PayComplaintRewardValidator : AbstractValidator<PayComplaintReward>
{
    public PayComplaintRewardValidator()
    {
        RuleFor(x => x.VoucherNo).NotEmpty().WithMessage("付款单号：不能为空").MaximumLength(40).WithMessage("付款单号：不能超过 40 个字符");
    }
}

public sealed class PayComplaintRewardHandler(IAppDbContext db, TimeProvider clock)
{
    public const string SourceType = "complaint-reward";
    private static readonly PayComplaintRewardValidator Validator = new();

    public async Task<AppResult<Complaint>> HandleAsync(PayComplaintReward c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<Complaint>.Fail(v.ToAppErrors());
        }

        if (c.PaidOn > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<Complaint>("发放日期：不能晚于今天", "paid_on");
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var complaint = await db.Complaints.FirstOrDefaultAsync(x => x.Id == c.ComplaintId, ct);
            if (complaint is null)
            {
                return SupervisionSupport.Fail<Complaint>("举报：不存在", "complaint_id", SupervisionErrors.NotFound);
            }

            if (complaint.RewardAmount is not { } amount || complaint.RewardFund is not { } fund)
            {
                return SupervisionSupport.Fail<Complaint>("举报奖励：尚未核定，不能发放", "complaint_id", "reward-not-granted");
            }

            if (complaint.RewardPaidOn is not null)
            {
                return SupervisionSupport.Fail<Complaint>($"举报奖励：已于 {complaint.RewardPaidOn:yyyy-MM-dd} 发放，不能重复发放", "complaint_id", "reward-already-paid");
            }

            if (c.PaidOn < complaint.RewardGrantedOn)
            {
                return SupervisionSupport.Fail<Complaint>($"发放日期：不能早于核定日期 {complaint.RewardGrantedOn:yyyy-MM-dd}", "paid_on");
            }

            var no = c.VoucherNo.Trim();
            if (await db.JournalEntries.AnyAsync(e => e.SourceType == SourceType && e.SourceId == no, ct))
            {
                return SupervisionSupport.Fail<Complaint>($"付款单号：“{no}”已经登记过", "voucher_no", SupervisionErrors.DuplicateNo);
            }

            var entry = JournalEntry.Create(c.PaidOn, $"发放举报奖励（{complaint.ComplaintNo}，付款单号 {no}）", SourceType, no,
            [
                new JournalLine { Fund = fund, AccountCode = LedgerAccounts.ComplaintRewardExpense, Debit = amount },
                new JournalLine { Fund = fund, AccountCode = LedgerAccounts.BankExpenditure, Credit = amount },
            ]);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            complaint.RewardPaidOn = c.PaidOn;
            complaint.RewardEntryId = entry.Id;
            await db.SaveChangesAsync(ct);
            return AppResult<Complaint>.Ok(complaint);
        }, ct);
    }
}
