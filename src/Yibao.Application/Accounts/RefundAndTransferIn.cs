using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Accounts;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;

namespace Yibao.Application.Accounts;

/// <summary>
/// 个人账户退还 by a 经办员 (死亡 继承人领取、出国（境）定居、其他 with a reason): the whole balance is paid to the named bank
/// account and the account is closed. Journal: 职工个人账户 借 个人账户结存 / 贷 银行存款（支出户）.
/// </summary>
public sealed record RefundPersonalAccount(long PersonId, string Reason, string BankName, string BankAccountName, string BankAccountNo);

public sealed record AccountMovementResult(decimal Amount, decimal BalanceAfter);

public sealed class RefundPersonalAccountValidator : AbstractValidator<RefundPersonalAccount>
{
    public RefundPersonalAccountValidator()
    {
        RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("退还原因：不能为空").OverridePropertyName("reason");
        RuleFor(x => x.Reason).MaximumLength(60).WithMessage("退还原因：不能超过 60 个字符").OverridePropertyName("reason");
        RuleFor(x => x.BankName).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("开户银行：不能为空").OverridePropertyName("bank_name");
        RuleFor(x => x.BankName).MaximumLength(60).WithMessage("开户银行：不能超过 60 个字符").OverridePropertyName("bank_name");
        RuleFor(x => x.BankAccountName).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("收款户名：不能为空").OverridePropertyName("bank_acct_name");
        RuleFor(x => x.BankAccountName).MaximumLength(60).WithMessage("收款户名：不能超过 60 个字符").OverridePropertyName("bank_acct_name");
        RuleFor(x => x.BankAccountNo).Must(n => n is not null && System.Text.RegularExpressions.Regex.IsMatch(n.Trim(), "^[0-9]{10,30}$"))
            .WithMessage("收款账号：须为 10–30 位数字").OverridePropertyName("bank_acct_no");
    }
}

public sealed class RefundPersonalAccountHandler(IAppDbContext db, IPersonSettlementLock personLock, TimeProvider clock)
{
    private static readonly RefundPersonalAccountValidator Validator = new();

    public async Task<AppResult<AccountMovementResult>> HandleAsync(RefundPersonalAccount command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<AccountMovementResult>.Fail(validation.ToAppErrors());
        }

        return await db.InTransactionAsync(async () =>
        {
            await personLock.LockAsync(command.PersonId, ct); // no settlement may spend the balance meanwhile
            var account = await db.PersonalAccounts.Include(a => a.Entries).FirstOrDefaultAsync(a => a.PersonId == command.PersonId, ct);
            if (account is null)
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("no-account", "个人账户：该人员没有职工个人账户", "psn_no"));
            }

            if (account.ClosedOn is { } closed)
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("account-closed",
                    string.Create(CultureInfo.InvariantCulture, $"个人账户：账户已于 {closed:yyyy-MM-dd} 退还或转出销户"), "psn_no"));
            }

            var domain = account.ToDomain();
            if (domain.Balance <= 0)
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("zero-balance", "个人账户：余额为 0，无可退还金额", "psn_no"));
            }

            var today = clock.TodayInChina();
            var on = domain.Entries.Count > 0 && domain.Entries[^1].Date > today ? domain.Entries[^1].Date : today;
            var no = command.BankAccountNo.Trim();
            var entry = domain.Refund(on, command.Reason.Trim());
            var record = account.Record(entry, "refund", AccountPostings.RefundJournal(account.PersonId, entry, "refund"));
            record.BankName = command.BankName.Trim();
            record.BankAccountName = command.BankAccountName.Trim();
            record.BankAccountNo = no;
            record.Memo = Clip($"{entry.Memo}，退至 {record.BankName} 尾号 {no[^4..]}", 100);
            await db.SaveChangesAsync(ct);
            return AppResult<AccountMovementResult>.Ok(new AccountMovementResult(-entry.Amount, 0m));
        }, ct);
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}

/// <summary>
/// 个人账户转入 with the enrollment: the balance carried from another 统筹区 (关系转移接续) is credited to the person's account
/// (opened if needed), once per 310 enrollment. The enrollment must be a current 310 在职/退休 one; its 转出地 is the default
/// from-area. Journal: 职工个人账户 借 银行存款（收入户） / 贷 个人账户结存.
/// </summary>
public sealed record TransferInPersonalAccount(long PersonId, decimal Amount, string? FromArea, DateOnly Date, string? Note = null);

public sealed class TransferInPersonalAccountValidator : AbstractValidator<TransferInPersonalAccount>
{
    public TransferInPersonalAccountValidator()
    {
        RuleFor(x => x.Amount).GreaterThan(0).WithMessage("转入金额：须大于 0").OverridePropertyName("amount");
        RuleFor(x => x.Amount).LessThanOrEqualTo(10_000_000m).WithMessage("转入金额：不能超过 10,000,000 元").OverridePropertyName("amount");
        RuleFor(x => x.Amount).Must(a => decimal.Round(a, 2) == a).WithMessage("转入金额：须精确到分（最多两位小数）").OverridePropertyName("amount");
        RuleFor(x => x.FromArea).Matches("^[1-9][0-9]{5}$").When(x => !string.IsNullOrEmpty(x.FromArea))
            .WithMessage("转出地统筹区：须为 6 位行政区划代码").OverridePropertyName("transfer_admdvs");
        RuleFor(x => x.Note).MaximumLength(40).WithMessage("备注：不能超过 40 个字符").OverridePropertyName("memo");
    }
}

public sealed class TransferInPersonalAccountHandler(IAppDbContext db, IPersonSettlementLock personLock, TimeProvider clock)
{
    public const string TransferInSource = "account-transfer-in";
    private static readonly TransferInPersonalAccountValidator Validator = new();

    public async Task<AppResult<AccountMovementResult>> HandleAsync(TransferInPersonalAccount command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<AccountMovementResult>.Fail(validation.ToAppErrors());
        }

        var today = clock.TodayInChina();
        if (command.Date > today)
        {
            return AppResult<AccountMovementResult>.Fail(new AppError("date-in-future", "转入日期：不能晚于今天", "date"));
        }

        return await db.InTransactionAsync(async () =>
        {
            var date = command.Date;
            var enrollment = await db.Enrollments.AsNoTracking()
                .Where(e => e.PersonId == command.PersonId && e.InsuranceType == InsuranceType.EmployeeBasic
                    && (e.Category == PersonCategory.InService || e.Category == PersonCategory.Retired)
                    && e.BeginDate <= date && (e.EndDate == null || e.EndDate >= date) && e.Status != EnrollmentStatus.Terminated)
                .OrderByDescending(e => e.BeginDate).FirstOrDefaultAsync(ct);
            if (enrollment is null)
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("no-employee-enrollment",
                    string.Create(CultureInfo.InvariantCulture, $"转入日期：该人员在 {date:yyyy-MM-dd} 没有职工基本医疗保险（310）在职或退休参保，不能转入个人账户"), "date"));
            }

            var from = string.IsNullOrEmpty(command.FromArea) ? enrollment.TransferAreaCode : command.FromArea;
            if (string.IsNullOrEmpty(from))
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("validation-failed", "转出地统筹区：须填写（参保登记未记录转出地）", "transfer_admdvs"));
            }

            if (string.Equals(from, enrollment.PoolAreaCode, StringComparison.Ordinal))
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("validation-failed", "转出地统筹区：不能是本统筹区", "transfer_admdvs"));
            }

            await personLock.LockAsync(command.PersonId, ct);
            var key = string.Create(CultureInfo.InvariantCulture, $"transfer-in:{enrollment.Id}");
            var account = await db.PersonalAccounts.Include(a => a.Entries).FirstOrDefaultAsync(a => a.PersonId == command.PersonId, ct);
            if (account is not null && account.Entries.Any(x => x.SourceKey == key))
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("already-transferred-in", "转入金额：本次参保（关系转移）的个人账户余额已转入，不能重复转入", "amount"));
            }

            if (account?.ClosedOn is { } closed)
            {
                return AppResult<AccountMovementResult>.Fail(new AppError("account-closed",
                    string.Create(CultureInfo.InvariantCulture, $"个人账户：账户已于 {closed:yyyy-MM-dd} 退还或转出销户"), "psn_no"));
            }

            if (account is null)
            {
                account = new PersonalAccountRecord { PersonId = command.PersonId, PoolAreaCode = enrollment.PoolAreaCode, OpenedOn = date };
                db.PersonalAccounts.Add(account);
            }

            var domain = account.ToDomain();
            var on = domain.Entries.Count > 0 && domain.Entries[^1].Date > date ? domain.Entries[^1].Date : date;
            AccountEntry entry;
            try
            {
                var memo = $"自 {from} 转入" + (string.IsNullOrWhiteSpace(command.Note) ? "" : "：" + command.Note.Trim());
                entry = domain.TransferIn(on, command.Amount, memo);
            }
            catch (DomainException ex)
            {
                return AppResult<AccountMovementResult>.Fail(ex.ToAppError());
            }

            var journal = JournalEntry.Create(entry.Date, $"个人账户{entry.Memo}", TransferInSource, string.Create(CultureInfo.InvariantCulture, $"{command.PersonId}:{key}"),
            [
                JournalLine.Dr(FundCode.EmployeePersonalAccount, LedgerAccounts.BankIncome, entry.Amount, command.PersonId),
                JournalLine.Cr(FundCode.EmployeePersonalAccount, LedgerAccounts.PersonalAccountBalance, entry.Amount, command.PersonId),
            ]);
            account.Record(entry, key, journal);
            await db.SaveChangesAsync(ct);
            return AppResult<AccountMovementResult>.Ok(new AccountMovementResult(entry.Amount, domain.Balance));
        }, ct);
    }
}
