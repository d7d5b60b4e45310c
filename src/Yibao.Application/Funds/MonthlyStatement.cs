using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Funds;

/// <summary>
/// 月结算单: what the agency owes one 定点医药机构 for one month. Settlements dated in the month are counted and summed per
/// national field; settlements cancelled in the month are netted off (a cancellation after the month appears on the month it
/// happened, as its reversing entry does). The amount owed per fund is read from the 应付定点医药机构结算款 2101 postings of the
/// month, so the statement always agrees with the ledger; disbursements (拨付) recorded against the statement are subtracted.
/// </summary>
public sealed record GetMonthlyStatement(string Institution, int Year, int Month);

public sealed record StatementField(string Code, string Name, decimal Settled, decimal Cancelled)
{
    public decimal Net => Settled - Cancelled;
}

public sealed record StatementFund(FundCode Fund, string Name, decimal Owed, decimal Disbursed)
{
    public decimal Outstanding => Owed - Disbursed;
}

/// <summary>扣款 line of a statement: a 2101 debit from 智能审核 (review-deduction journal entries).</summary>
public sealed record StatementDeduction(DateOnly Date, FundCode Fund, string FundName, string Memo, decimal Amount);

public sealed record MonthlyStatement(
    Institution Institution,
    int Year,
    int Month,
    int SettledCount,
    int CancelledCount,
    IReadOnlyList<StatementField> Fields,
    IReadOnlyList<StatementFund> Funds,
    IReadOnlyList<Disbursement> Disbursements)
{
    /// <summary>智能审核扣款 posted in the month (already netted in <see cref="StatementFund.Owed"/>).</summary>
    public IReadOnlyList<StatementDeduction> Deductions { get; init; } = [];

    public decimal TotalDeducted => Deductions.Sum(d => d.Amount);

    public int NetCount => SettledCount - CancelledCount;
    public decimal TotalOwed => Funds.Sum(f => f.Owed);
    public decimal TotalDisbursed => Funds.Sum(f => f.Disbursed);
    public decimal TotalOutstanding => Funds.Sum(f => f.Outstanding);
    public string Title => $"{Institution.Name} {Year} 年 {Month} 月医保结算单";
}

public sealed class GetMonthlyStatementHandler(IAppDbContext db)
{
    public async Task<AppResult<MonthlyStatement>> HandleAsync(GetMonthlyStatement query, CancellationToken ct = default)
    {
        if (query.Year is < 2000 or > 2100)
        {
            return AppResult<MonthlyStatement>.Fail(new AppError(SettlementErrors.Validation, "年度：须在 2000–2100 之间", "year"));
        }

        if (query.Month is < 1 or > 12)
        {
            return AppResult<MonthlyStatement>.Fail(new AppError(SettlementErrors.Validation, "月份：须在 1–12 之间", "month"));
        }

        var key = (query.Institution ?? "").Trim();
        var inst = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Code == key, ct);
        if (inst is null)
        {
            return AppResult<MonthlyStatement>.Fail(new AppError(SettlementErrors.InstitutionNotFound, $"定点医药机构：编号“{key}”不存在", "institution"));
        }

        return AppResult<MonthlyStatement>.Ok((await ComputeAsync(query.Year, query.Month, [inst], inst.Id, ct))[0]);
    }

    /// <summary>
    /// The statements of <paramref name="institutions"/> for a month, with exactly the figures <see cref="HandleAsync"/> gives each,
    /// read in five queries for the whole month instead of five per institution (generating a month's statements for a county).
    /// </summary>
    public Task<List<MonthlyStatement>> ForInstitutionsAsync(int year, int month, IReadOnlyList<Institution> institutions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        return ComputeAsync(year, month, institutions, institutions.Count == 1 ? institutions[0].Id : null, ct);
    }

    private async Task<List<MonthlyStatement>> ComputeAsync(int year, int month, IReadOnlyList<Institution> institutions, long? only, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        // CancelledAt is UTC; the month is in China Standard Time (UTC+8).
        var fromUtc = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var toUtc = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var settlements = db.Settlements.AsNoTracking();
        var entryLines = db.JournalEntries.AsNoTracking();
        var paid = db.Disbursements.AsNoTracking().Where(d => d.Year == year && d.Month == month);
        if (only is { } id)
        {
            settlements = settlements.Where(s => s.InstitutionId == id);
            paid = paid.Where(d => d.InstitutionId == id);
        }

        // Only the national amount fields are read (not the explanation and line JSON of each settlement).
        var settled = (await Amounts(settlements.Where(s => s.SetlDate >= first && s.SetlDate <= last)).ToListAsync(ct)).ToLookup(s => s.InstitutionId);
        var cancelled = (await Amounts(settlements.Where(s => s.Status == SettlementStatus.Cancelled && s.CancelledAt >= fromUtc && s.CancelledAt < toUtc)).ToListAsync(ct))
            .ToLookup(s => s.InstitutionId);
        var payableLines = entryLines
            .Where(e => e.EntryDate >= first && e.EntryDate <= last && e.SourceType != RecordDisbursementHandler.SourceType)
            .SelectMany(e => e.Lines)
            .Where(l => l.InstitutionId != null && l.AccountCode == LedgerAccounts.InstitutionPayable);
        if (only is { } lineInst)
        {
            payableLines = payableLines.Where(l => l.InstitutionId == lineInst);
        }

        var payable = (await payableLines.Select(l => new { InstitutionId = l.InstitutionId!.Value, l.Fund, l.Debit, l.Credit }).ToListAsync(ct)).ToLookup(l => l.InstitutionId);
        var disbursed = (await paid.OrderBy(d => d.Id).ToListAsync(ct)).ToLookup(d => d.InstitutionId);
        var deductionLines = entryLines
            .Where(e => e.EntryDate >= first && e.EntryDate <= last && e.SourceType == Review.RunReviewHandler.DeductionSourceType)
            .SelectMany(e => e.Lines.Where(l => l.InstitutionId != null && l.AccountCode == LedgerAccounts.InstitutionPayable && l.Debit > 0),
                (e, l) => new { e.Id, e.EntryDate, e.Memo, InstitutionId = l.InstitutionId!.Value, l.Fund, l.Debit });
        if (only is { } deductionInst)
        {
            deductionLines = deductionLines.Where(d => d.InstitutionId == deductionInst);
        }

        var deductions = (await deductionLines.ToListAsync(ct)).ToLookup(d => d.InstitutionId);
        var result = new List<MonthlyStatement>(institutions.Count);
        foreach (var inst in institutions)
        {
            var settledSums = Sum(settled[inst.Id]);
            var cancelledSums = Sum(cancelled[inst.Id]);
            var fields = SettlementFieldNames.All.Select(f => new StatementField(f.Code, f.Name, settledSums[f.Code], cancelledSums[f.Code])).ToList();
            var instPayable = payable[inst.Id].ToList();
            var disbursements = disbursed[inst.Id].ToList();
            var funds = instPayable.Select(l => l.Fund).Concat(disbursements.Select(d => d.Fund)).Distinct().Order()
                .Select(f => new StatementFund(f, JournalEntry.FundName(f),
                    instPayable.Where(l => l.Fund == f).Sum(l => l.Credit - l.Debit),
                    disbursements.Where(d => d.Fund == f).Sum(d => d.Amount)))
                .ToList();
            result.Add(new MonthlyStatement(inst, year, month, settled[inst.Id].Count(), cancelled[inst.Id].Count(), fields, funds, disbursements)
            {
                Deductions = [.. deductions[inst.Id].OrderBy(d => d.EntryDate).ThenBy(d => d.Id)
                    .Select(d => new StatementDeduction(d.EntryDate, d.Fund, JournalEntry.FundName(d.Fund), d.Memo, d.Debit))],
            });
        }

        return result;
    }

    private static IQueryable<SettlementRecord> Amounts(IQueryable<SettlementRecord> q) => q.Select(s => new SettlementRecord
    {
        InstitutionId = s.InstitutionId, SetlId = "", PsnNo = "", Insutype = "", PoolAreaCode = "", PolicyVersionId = "", SchemeName = "",
        ExplanationJson = "", LinesJson = "", AccumulatorsBeforeJson = "", AccumulatorsAfterJson = "",
        MedfeeSumamt = s.MedfeeSumamt, FulamtOwnpayAmt = s.FulamtOwnpayAmt, OverlmtSelfpay = s.OverlmtSelfpay, PreselfpayAmt = s.PreselfpayAmt,
        InscpScpAmt = s.InscpScpAmt, ActPayDedc = s.ActPayDedc, HifpPay = s.HifpPay, PoolPropSelfpay = s.PoolPropSelfpay, CvlservPay = s.CvlservPay,
        HifobPay = s.HifobPay, HifmiPay = s.HifmiPay, HifdmPay = s.HifdmPay, MafPay = s.MafPay, OthPay = s.OthPay, FundPaySumamt = s.FundPaySumamt,
        PsnPartAmt = s.PsnPartAmt, AcctPay = s.AcctPay, PsnCashPay = s.PsnCashPay,
    });

    private static Dictionary<string, decimal> Sum(IEnumerable<SettlementRecord> records)
    {
        var sums = SettlementFieldNames.All.ToDictionary(f => f.Code, _ => 0m, StringComparer.Ordinal);
        foreach (var r in records)
        {
            foreach (var (name, value) in r.ToSetlInfo().Fields())
            {
                sums[name] += value;
            }
        }

        return sums;
    }

    /// <summary>The statement as rows for the Excel export (Chinese column names).</summary>
    public static IReadOnlyList<Dictionary<string, object?>> ToRows(MonthlyStatement s)
    {
        var rows = s.Fields.Select(f => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["项目"] = f.Name,
            ["字段"] = f.Code,
            ["本月结算"] = f.Settled,
            ["本月撤销"] = f.Cancelled,
            ["净额"] = f.Net,
            ["已拨付"] = null,
            ["未拨付"] = null,
        }).ToList();
        rows.Insert(0, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["项目"] = "结算笔数", ["字段"] = "setl_cnt", ["本月结算"] = s.SettledCount, ["本月撤销"] = s.CancelledCount, ["净额"] = s.NetCount, ["已拨付"] = null, ["未拨付"] = null,
        });
        rows.AddRange(s.Deductions.Select(d => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["项目"] = $"智能审核扣款：{d.Memo}（{d.FundName}，{d.Date:yyyy-MM-dd}）", ["字段"] = "2101", ["本月结算"] = null, ["本月撤销"] = null, ["净额"] = -d.Amount, ["已拨付"] = null, ["未拨付"] = null,
        }));
        rows.AddRange(s.Funds.Select(f => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["项目"] = $"应付款：{f.Name}", ["字段"] = "2101", ["本月结算"] = null, ["本月撤销"] = null, ["净额"] = f.Owed, ["已拨付"] = f.Disbursed, ["未拨付"] = f.Outstanding,
        }));
        return rows;
    }
}
