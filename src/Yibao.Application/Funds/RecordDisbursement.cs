using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;

namespace Yibao.Application.Funds;

/// <summary>
/// 拨付 recorded by 财务 against a 月结算单 (institution × month) for one fund: one balanced journal entry debiting 应付定点医药机构结算款
/// 2101 (with the institution) and crediting the fund's 银行存款（支出户） 1003. Refused when the amount exceeds what is still owed on the
/// statement, when nothing is owed any more, or when the 拨付单号 was already recorded. When the month's statement has been
/// generated (<see cref="GenerateStatementsHandler"/>), the amounts owed are the statement's frozen ones, and the statement
/// becomes 已拨付 when every fund on it is paid. Two 拨付 of one statement at once are serialized by the institution's payment
/// lock, so the second sees the first and cannot pay the same amount again.
/// </summary>
public sealed record RecordDisbursement(string Institution, int Year, int Month, FundCode Fund, decimal Amount, DateOnly PaidOn, string DisbursementNo, string? Memo = null);

public sealed class RecordDisbursementValidator : AbstractValidator<RecordDisbursement>
{
    public RecordDisbursementValidator()
    {
        RuleFor(x => x.Institution).NotEmpty().WithMessage("定点医药机构：不能为空");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("年度：须在 2000–2100 之间");
        RuleFor(x => x.Month).InclusiveBetween(1, 12).WithMessage("月份：须在 1–12 之间");
        RuleFor(x => x.Fund).IsInEnum().WithMessage("基金：不是有效的基金");
        RuleFor(x => x.Amount).GreaterThan(0).WithMessage("拨付金额：须大于 0")
            .Must(a => decimal.Round(a, 2) == a).WithMessage("拨付金额：最多两位小数（精确到分）");
        RuleFor(x => x.DisbursementNo).NotEmpty().WithMessage("拨付单号：不能为空")
            .MaximumLength(40).WithMessage("拨付单号：不能超过 40 个字符");
        RuleFor(x => x.Memo).MaximumLength(200).WithMessage("备注：不能超过 200 个字符");
    }
}

public sealed class RecordDisbursementHandler(IAppDbContext db, GetMonthlyStatementHandler statements, IInstitutionPaymentLock paymentLock, ICurrentUser user, TimeProvider clock)
{
    public const string SourceType = "disbursement";
    private static readonly RecordDisbursementValidator Validator = new();

    public async Task<AppResult<Disbursement>> HandleAsync(RecordDisbursement command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<Disbursement>.Fail(validation.ToAppErrors());
        }

        if (command.PaidOn > clock.TodayInChina())
        {
            return AppResult<Disbursement>.Fail(new AppError(SettlementErrors.Validation, "拨付日期：不能晚于今天", "paid_on"));
        }

        if (command.PaidOn < new DateOnly(command.Year, command.Month, 1))
        {
            return AppResult<Disbursement>.Fail(new AppError(SettlementErrors.Validation, "拨付日期：不能早于结算单所属月份", "paid_on"));
        }

        return await db.InTransactionAsync(() => RecordAsync(command, ct), ct);
    }

    private async Task<AppResult<Disbursement>> RecordAsync(RecordDisbursement command, CancellationToken ct)
    {
        var no = command.DisbursementNo.Trim();
        var code = command.Institution.Trim();
        if (await db.Institutions.Where(i => i.Code == code).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct) is { } institutionId)
        {
            await paymentLock.LockAsync(institutionId, ct);
        }

        if (await db.Disbursements.AnyAsync(d => d.DisbursementNo == no, ct))
        {
            return AppResult<Disbursement>.Fail(new AppError("duplicate-disbursement", $"拨付单号：“{no}”已经登记过，同一拨付不能重复登记", "disbursement_no"));
        }

        var statement = await statements.HandleAsync(new GetMonthlyStatement(command.Institution, command.Year, command.Month), ct);
        if (!statement.Succeeded)
        {
            return AppResult<Disbursement>.Fail(statement.Errors);
        }

        var s = statement.Value!;
        var fund = s.Funds.FirstOrDefault(f => f.Fund == command.Fund);
        var outstanding = fund?.Outstanding ?? 0m;
        // A generated (stored) statement is frozen: 拨付 is measured against its amounts, not against later postings of the month.
        var stored = await db.StoredStatements.FirstOrDefaultAsync(x => x.InstitutionId == s.Institution.Id && x.Year == command.Year && x.Month == command.Month, ct);
        var frozen = stored is null ? null : StoredStatementView.Owed(stored);
        if (frozen is not null)
        {
            outstanding = frozen.GetValueOrDefault(command.Fund) - (fund?.Disbursed ?? 0m);
        }

        var fundName = JournalEntry.FundName(command.Fund);
        if (outstanding <= 0)
        {
            return AppResult<Disbursement>.Fail(new AppError("nothing-owed",
                $"拨付金额：{s.Title}中{fundName}没有未拨付的应付款{(fund is { Disbursed: > 0 } ? "（已全额拨付）" : "")}，不能拨付", "amount"));
        }

        if (command.Amount > outstanding)
        {
            return AppResult<Disbursement>.Fail(new AppError("over-disbursement",
                $"拨付金额：{Money.FormatYuan(command.Amount)} 元超过{fundName}未拨付金额 {Money.FormatYuan(outstanding)} 元，不能多付", "amount"));
        }

        var entry = JournalEntry.Create(command.PaidOn, $"拨付 {s.Institution.Name} {command.Year} 年 {command.Month} 月结算款（{fundName}）", SourceType, no,
        [
            new JournalLine { Fund = command.Fund, AccountCode = LedgerAccounts.InstitutionPayable, Debit = command.Amount, InstitutionId = s.Institution.Id },
            new JournalLine { Fund = command.Fund, AccountCode = LedgerAccounts.BankExpenditure, Credit = command.Amount, InstitutionId = s.Institution.Id },
        ]);
        db.JournalEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        var d = new Disbursement
        {
            DisbursementNo = no,
            InstitutionId = s.Institution.Id,
            Year = command.Year,
            Month = command.Month,
            Fund = command.Fund,
            Amount = command.Amount,
            PaidOn = command.PaidOn,
            Memo = string.IsNullOrWhiteSpace(command.Memo) ? null : command.Memo.Trim(),
            JournalEntryId = entry.Id,
            RecordedBy = user.UserName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Disbursements.Add(d);
        if (stored is not null && frozen!.All(f => f.Value <= (s.Funds.FirstOrDefault(x => x.Fund == f.Key)?.Disbursed ?? 0m) + (f.Key == command.Fund ? command.Amount : 0m)))
        {
            stored.Status = StatementStatus.Paid;
            stored.PaidAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(ct);
        return AppResult<Disbursement>.Ok(d);
    }
}
