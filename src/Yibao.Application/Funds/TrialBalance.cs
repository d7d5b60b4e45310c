using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Funds;

namespace Yibao.Application.Funds;

/// <summary>科目余额表: per fund and account, the opening balance (before <see cref="From"/>), the period's debits and credits and the closing balance.</summary>
public sealed record GetTrialBalance(DateOnly From, DateOnly To, FundCode? Fund = null);

/// <summary>One account row; balances are debit-positive (借方余额为正，贷方余额为负).</summary>
public sealed record TrialBalanceRow(FundCode Fund, string AccountCode, string AccountName, decimal Opening, decimal Debit, decimal Credit)
{
    public decimal Closing => Opening + Debit - Credit;
}

public sealed record TrialBalanceFund(FundCode Fund, string Name, IReadOnlyList<TrialBalanceRow> Rows)
{
    public decimal Opening => Rows.Sum(r => r.Opening);
    public decimal Debit => Rows.Sum(r => r.Debit);
    public decimal Credit => Rows.Sum(r => r.Credit);
    public decimal Closing => Rows.Sum(r => r.Closing);

    /// <summary>借贷平衡: the period's debits equal its credits and the balances sum to zero.</summary>
    public bool Balanced => Debit == Credit && Opening == 0m && Closing == 0m;
}

public sealed record TrialBalance(DateOnly From, DateOnly To, IReadOnlyList<TrialBalanceFund> Funds)
{
    public bool Balanced => Funds.All(f => f.Balanced);
}

public sealed class GetTrialBalanceHandler(IAppDbContext db)
{
    public async Task<AppResult<TrialBalance>> HandleAsync(GetTrialBalance query, CancellationToken ct = default)
    {
        if (query.From > query.To)
        {
            return AppResult<TrialBalance>.Fail(new AppError(SettlementErrors.Validation, "期间：开始日期不能晚于结束日期", "from"));
        }

        var lines = db.JournalEntries.AsNoTracking().Where(e => e.EntryDate <= query.To).SelectMany(e => e.Lines, (e, l) => new { e.EntryDate, l.Fund, l.AccountCode, l.Debit, l.Credit });
        if (query.Fund is { } fund)
        {
            lines = lines.Where(l => l.Fund == fund);
        }

        var from = query.From;
        var grouped = await lines
            .GroupBy(l => new { l.Fund, l.AccountCode, Before = l.EntryDate < from })
            .Select(g => new { g.Key.Fund, g.Key.AccountCode, g.Key.Before, Debit = g.Sum(x => x.Debit), Credit = g.Sum(x => x.Credit) })
            .ToListAsync(ct);
        var funds = grouped.GroupBy(g => g.Fund).OrderBy(g => g.Key).Select(f => new TrialBalanceFund(f.Key, JournalEntry.FundName(f.Key),
            f.GroupBy(g => g.AccountCode).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new TrialBalanceRow(f.Key, a.Key, LedgerAccounts.Name(a.Key),
                a.Where(x => x.Before).Sum(x => x.Debit - x.Credit),
                a.Where(x => !x.Before).Sum(x => x.Debit),
                a.Where(x => !x.Before).Sum(x => x.Credit))).ToList())).ToList();
        return AppResult<TrialBalance>.Ok(new TrialBalance(query.From, query.To, funds));
    }

    public static IReadOnlyList<Dictionary<string, object?>> ToRows(TrialBalance tb) =>
        tb.Funds.SelectMany(f => f.Rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["基金"] = f.Name,
            ["科目代码"] = r.AccountCode,
            ["科目名称"] = r.AccountName,
            ["期初余额（借+/贷-）"] = r.Opening,
            ["本期借方"] = r.Debit,
            ["本期贷方"] = r.Credit,
            ["期末余额（借+/贷-）"] = r.Closing,
        }).Append(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["基金"] = f.Name,
            ["科目代码"] = "",
            ["科目名称"] = f.Balanced ? "合计（借贷平衡）" : "合计（借贷不平衡！）",
            ["期初余额（借+/贷-）"] = f.Opening,
            ["本期借方"] = f.Debit,
            ["本期贷方"] = f.Credit,
            ["期末余额（借+/贷-）"] = f.Closing,
        })).ToList();
}
