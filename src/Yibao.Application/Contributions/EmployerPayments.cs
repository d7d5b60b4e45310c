using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;

namespace Yibao.Application.Contributions;

/// <summary>税务入库记录导入 (Excel/CSV, header first; docs/formats/tax-payment-import.md).</summary>
public sealed record ImportEmployerPayments(string FileName, IReadOnlyList<IReadOnlyList<string>> Records);

public sealed record PaymentImportSummary(string FileName, int Payments, int Employers, decimal Total);

public sealed record PaymentImportOutcome(PaymentImportSummary? Summary, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

/// <summary>
/// Imports the tax bureau's payment records: 统一社会信用代码, 所属期, 金额, 入库日期, 票号. All-or-nothing with row errors
/// (unknown employer, bad code, non-numeric/negative/zero amount, date in the future, duplicate 票号 in the file or already
/// imported). Each payment posts a balanced entry in the 职工基本医疗保险统筹基金 (借 银行存款 / 贷 基本医疗保险费收入) in
/// the same transaction.
/// </summary>
public sealed class ImportEmployerPaymentsHandler(IAppDbContext db, TimeProvider clock)
{
    public const string SourceType = ContributionPostings.EmployerPaymentSource;
    public static readonly IReadOnlyList<string> Columns = ["统一社会信用代码", "所属期", "金额", "入库日期", "票号"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<PaymentImportOutcome> HandleAsync(ImportEmployerPayments command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Records.Count == 0)
        {
            return new PaymentImportOutcome(null, [new ImportRowError(1, "文件", "文件为空：第 1 行须为列名（" + string.Join("、", Columns) + "）")]);
        }

        var header = command.Records[0].Select(h => h.Trim()).ToList();
        int Col(params string[] names) => header.FindIndex(h => names.Contains(h, StringComparer.Ordinal));
        var idx = new[] { Col("统一社会信用代码", "纳税人识别号"), Col("所属期", "费款所属期"), Col("金额", "入库金额", "实缴金额"), Col("入库日期"), Col("票号", "税票号码", "电子税票号码") };
        var errors = new List<ImportRowError>();
        for (var i = 0; i < idx.Length; i++)
        {
            if (idx[i] < 0)
            {
                errors.Add(new ImportRowError(1, Columns[i], $"缺少列“{Columns[i]}”（第 1 行须为列名：{string.Join("、", Columns)}）"));
            }
        }

        if (errors.Count > 0)
        {
            return new PaymentImportOutcome(null, errors);
        }

        var rows = command.Records.Skip(1).Select((r, i) => (Row: i + 2, Cells: r))
            .Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (rows.Count == 0)
        {
            return new PaymentImportOutcome(null, [new ImportRowError(2, "文件", "没有数据行")]);
        }

        string Cell(IReadOnlyList<string> r, int c) => idx[c] < r.Count ? r[idx[c]].Trim() : "";
        var employers = (await db.Employers.AsNoTracking().Select(e => new { e.Id, e.CreditCode, e.Name }).ToListAsync(ct))
            .ToDictionary(e => e.CreditCode.Value, StringComparer.Ordinal);
        var tickets = rows.Select(r => Cell(r.Cells, 4)).Where(t => t.Length > 0).ToList();
        var known = (await db.EmployerPayments.AsNoTracking().Where(p => tickets.Contains(p.TicketNo)).Select(p => p.TicketNo).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var today = clock.TodayInChina();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var payments = new List<EmployerPayment>();
        foreach (var (rowNo, cells) in rows)
        {
            var before = errors.Count;
            var code = Cell(cells, 0).ToUpperInvariant();
            long employerId = 0;
            if (!CreditCode.TryParse(code, out _, out var codeError))
            {
                errors.Add(new ImportRowError(rowNo, "统一社会信用代码", code.Length == 0 ? "不能为空" : $"“{code}”无效：{codeError}"));
            }
            else if (!employers.TryGetValue(code, out var emp))
            {
                errors.Add(new ImportRowError(rowNo, "统一社会信用代码", $"{code} 不是已登记的参保单位"));
            }
            else
            {
                employerId = emp.Id;
            }

            var periodText = Cell(cells, 1);
            if (!ContributionPeriod.TryParse(periodText, out var period))
            {
                errors.Add(new ImportRowError(rowNo, "所属期", periodText.Length == 0 ? "不能为空" : $"“{periodText}”不是有效的月份（格式 yyyy-MM，例如 2026-11）"));
            }
            else if (ContributionPeriod.FirstDay(period) > today)
            {
                errors.Add(new ImportRowError(rowNo, "所属期", $"{ContributionPeriod.Format(period)} 晚于本月"));
            }

            var amountText = Cell(cells, 2).Replace(",", "", StringComparison.Ordinal);
            if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, Inv, out var amount))
            {
                errors.Add(new ImportRowError(rowNo, "金额", amountText.Length == 0 ? "不能为空" : $"“{amountText}”不是数字"));
            }
            else if (amount <= 0)
            {
                errors.Add(new ImportRowError(rowNo, "金额", $"{amount.ToString(Inv)} 须大于 0（退费请走退费流程）"));
            }
            else if (decimal.Round(amount, 2) != amount)
            {
                errors.Add(new ImportRowError(rowNo, "金额", $"{amount.ToString(Inv)} 须精确到分（最多两位小数）"));
            }

            var dateText = Cell(cells, 3);
            if (!DateOnly.TryParseExact(dateText.Length >= 10 ? dateText[..10] : dateText, ["yyyy-MM-dd", "yyyy/MM/dd"], Inv, DateTimeStyles.None, out var receivedOn)
                && !DateOnly.TryParseExact(dateText, "yyyyMMdd", Inv, DateTimeStyles.None, out receivedOn))
            {
                errors.Add(new ImportRowError(rowNo, "入库日期", dateText.Length == 0 ? "不能为空" : $"“{dateText}”不是有效日期（格式 yyyy-MM-dd）"));
            }
            else if (receivedOn > today)
            {
                errors.Add(new ImportRowError(rowNo, "入库日期", $"{receivedOn:yyyy-MM-dd} 晚于今天 {today:yyyy-MM-dd}"));
            }

            var ticket = Cell(cells, 4);
            if (ticket.Length == 0)
            {
                errors.Add(new ImportRowError(rowNo, "票号", "不能为空"));
            }
            else if (ticket.Length > 40)
            {
                errors.Add(new ImportRowError(rowNo, "票号", "不能超过 40 个字符"));
            }
            else if (seen.TryGetValue(ticket, out var firstRow))
            {
                errors.Add(new ImportRowError(rowNo, "票号", $"{ticket} 与第 {firstRow} 行重复"));
            }
            else if (known.Contains(ticket))
            {
                errors.Add(new ImportRowError(rowNo, "票号", $"{ticket} 已经导入过，不能重复入账"));
            }

            if (ticket.Length > 0)
            {
                seen.TryAdd(ticket, rowNo);
            }

            if (errors.Count > before)
            {
                continue;
            }

            var entry = ContributionPostings.EmployerPayment(employerId, period, amount, receivedOn, ticket);
            payments.Add(new EmployerPayment
            {
                EmployerId = employerId,
                Period = period,
                Amount = amount,
                ReceivedOn = receivedOn,
                TicketNo = ticket,
                SourceFile = command.FileName.Length > 200 ? command.FileName[..200] : command.FileName,
                JournalEntry = entry,
            });
        }

        if (errors.Count > 0)
        {
            return new PaymentImportOutcome(null, errors);
        }

        // One save, one transaction: the payments, their ledger entries and the audit entries.
        db.EmployerPayments.AddRange(payments);
        await db.SaveChangesAsync(ct);
        return new PaymentImportOutcome(new PaymentImportSummary(command.FileName, payments.Count, payments.Select(p => p.EmployerId).Distinct().Count(), payments.Sum(p => p.Amount)), []);
    }
}
