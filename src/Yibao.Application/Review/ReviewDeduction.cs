using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Review;

/// <summary>
/// 智能审核扣款 by fund: an accepted flag's amount is taken back from the funds that actually paid its encounter, pro rata of
/// the fund parts of the encounter's settlements (not cancelled; 中途结算 included): 统筹基金, 公务员补助, 大额, 大病, 伤残, 医疗救助, 离休.
/// The personal account is not a fund part here (its payments are the person's own money). An encounter without a settlement or
/// whose settlements no fund paid falls back to the 统筹基金 of its 险种. Shares are rounded to 分 and the 分 left over go to the
/// largest remainders, so the parts always add up to the flag's amount. Each fund gets Dr 2101 / Cr 5001 with the institution.
/// </summary>
public static class ReviewDeduction
{
    public sealed record Item(long EncounterId, string Insutype, decimal Amount);

    public static async Task<List<JournalLine>> LinesAsync(IAppDbContext db, long institutionId, IReadOnlyCollection<Item> items, CancellationToken ct)
    {
        var parts = await FundPartsAsync(db, [.. items.Select(i => i.EncounterId).Distinct()], ct);
        var byFund = new SortedDictionary<FundCode, decimal>();
        foreach (var i in items)
        {
            if (i.Amount <= 0)
            {
                continue;
            }

            var split = parts.TryGetValue(i.EncounterId, out var p) ? Split(i.Amount, p) : [];
            if (split.Count == 0)
            {
                split = [(RunReviewHandler.FundOf(i.Insutype), i.Amount)];
            }

            foreach (var (fund, amount) in split)
            {
                byFund[fund] = byFund.GetValueOrDefault(fund) + amount;
            }
        }

        var lines = new List<JournalLine>();
        foreach (var (fund, sum) in byFund)
        {
            if (sum <= 0)
            {
                continue;
            }

            lines.Add(new JournalLine { Fund = fund, AccountCode = LedgerAccounts.InstitutionPayable, Debit = sum, InstitutionId = institutionId });
            lines.Add(new JournalLine { Fund = fund, AccountCode = LedgerAccounts.BenefitExpense, Credit = sum, InstitutionId = institutionId });
        }

        return lines;
    }

    /// <summary>Fund parts paid for each encounter by its settlements that are not cancelled.</summary>
    public static async Task<Dictionary<long, Dictionary<FundCode, decimal>>> FundPartsAsync(IAppDbContext db, IReadOnlyList<long> encounterIds, CancellationToken ct)
    {
        var result = new Dictionary<long, Dictionary<FundCode, decimal>>();
        foreach (var chunk in encounterIds.Chunk(500))
        {
            var rows = await db.Settlements.AsNoTracking().Where(s => chunk.Contains(s.EncounterId) && s.Status == SettlementStatus.Settled)
                .Select(s => new { s.EncounterId, s.Insutype, s.HifpPay, s.CvlservPay, s.HifobPay, s.HifmiPay, s.HifdmPay, s.MafPay, s.OthPay })
                .ToListAsync(ct);
            foreach (var s in rows)
            {
                if (!result.TryGetValue(s.EncounterId, out var funds))
                {
                    result[s.EncounterId] = funds = [];
                }

                foreach (var (fund, amount) in SettleOutpatientHandler.FundParts(s.Insutype, s.HifpPay, s.CvlservPay, s.HifobPay, s.HifmiPay, s.HifdmPay, s.MafPay, s.OthPay))
                {
                    if (amount > 0)
                    {
                        funds[fund] = funds.GetValueOrDefault(fund) + amount;
                    }
                }
            }
        }

        return result;
    }

    /// <summary><paramref name="amount"/> pro rata of <paramref name="parts"/> (positive parts only), in 分, adding up exactly; empty when no part is positive.</summary>
    public static List<(FundCode Fund, decimal Amount)> Split(decimal amount, IReadOnlyDictionary<FundCode, decimal> parts)
    {
        var positive = parts.Where(p => p.Value > 0).OrderBy(p => p.Key).ToList();
        var total = positive.Sum(p => p.Value);
        if (total <= 0)
        {
            return [];
        }

        var cents = decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
        var shares = positive.Select(p =>
        {
            var exact = cents * p.Value / total;
            var floor = decimal.Floor(exact);
            return (p.Key, Cents: floor, Remainder: exact - floor);
        }).ToList();
        var left = cents - shares.Sum(s => s.Cents);
        foreach (var i in Enumerable.Range(0, shares.Count).OrderByDescending(i => shares[i].Remainder).ThenBy(i => shares[i].Key).Take((int)left))
        {
            shares[i] = (shares[i].Key, shares[i].Cents + 1, shares[i].Remainder);
        }

        return [.. shares.Where(s => s.Cents > 0).Select(s => (s.Key, s.Cents / 100m))];
    }
}
