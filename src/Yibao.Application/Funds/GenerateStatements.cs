using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Funds;

/// <summary>
/// 生成月结算单: freezes the 月结算单 of one institution (<see cref="Institution"/> = its code) or of every institution with
/// activity in the month (null), for a month that has ended (China time). The figures are those of
/// <see cref="GetMonthlyStatementHandler"/> at generation (settlements and their cancellations in the month, 2101 postings,
/// 智能审核扣款). A statement is generated once: a second run skips it and reports it as already generated. Rule for later
/// cancellations: a settlement cancelled after its month's statement was generated is reversed on the cancellation date, so
/// it goes into that later month's statement as a 跨月撤销调整 (counted in <see cref="StoredStatement.AdjustmentCount"/>);
/// a generated statement never changes.
/// </summary>
public sealed record GenerateStatements(int Year, int Month, string? Institution = null);

public sealed record GeneratedStatements(IReadOnlyList<StoredStatementView> Generated, IReadOnlyList<StoredStatementView> AlreadyGenerated);

public sealed record StoredStatementFund(
    [property: JsonPropertyName("fund")] FundCode Fund,
    [property: JsonPropertyName("fund_name")] string FundName,
    [property: JsonPropertyName("owed")] decimal Owed,
    [property: JsonPropertyName("disbursed")] decimal Disbursed)
{
    [JsonPropertyName("outstanding")]
    public decimal Outstanding => Owed - Disbursed;
}

/// <summary>A stored 月结算单 as shown on the screen and returned by <c>GET /api/v1/statements</c> (national field names where they exist).</summary>
public sealed record StoredStatementView(
    [property: JsonPropertyName("stmt_no")] string StatementNo,
    [property: JsonPropertyName("fixmedins_code")] string FixmedinsCode,
    [property: JsonPropertyName("fixmedins_name")] string FixmedinsName,
    [property: JsonPropertyName("stmt_ym")] string Month,
    [property: JsonPropertyName("stmt_stas")] string Status,
    [property: JsonPropertyName("stmt_stas_name")] string StatusName,
    [property: JsonPropertyName("setl_cnt")] int SettledCount,
    [property: JsonPropertyName("cncl_cnt")] int CancelledCount,
    [property: JsonPropertyName("adjm_cnt")] int AdjustmentCount,
    [property: JsonPropertyName("adjm_amt")] decimal AdjustmentAmount,
    [property: JsonPropertyName("fields")] IReadOnlyDictionary<string, decimal> Fields,
    [property: JsonPropertyName("funds")] IReadOnlyList<StoredStatementFund> Funds,
    [property: JsonPropertyName("dedc_amt")] decimal TotalDeducted,
    [property: JsonPropertyName("payable_sumamt")] decimal TotalOwed,
    [property: JsonPropertyName("disbursed_sumamt")] decimal TotalDisbursed,
    [property: JsonPropertyName("generated_at")] DateTime GeneratedAt,
    [property: JsonPropertyName("generated_by")] string GeneratedBy)
{
    private sealed record FundRow(FundCode Fund, decimal Owed);

    private sealed record DeductionRow(DateOnly Date, FundCode Fund, string Memo, decimal Amount);

    internal static string FundsJson(MonthlyStatement s) => JsonSerializer.Serialize(s.Funds.Select(f => new FundRow(f.Fund, f.Owed)));

    internal static string DeductionsJson(MonthlyStatement s) => JsonSerializer.Serialize(s.Deductions.Select(d => new DeductionRow(d.Date, d.Fund, d.Memo, d.Amount)));

    /// <summary>Frozen per-fund amounts owed on a stored statement.</summary>
    public static IReadOnlyDictionary<FundCode, decimal> Owed(StoredStatement s) =>
        (JsonSerializer.Deserialize<List<FundRow>>(s.FundsJson) ?? []).ToDictionary(f => f.Fund, f => f.Owed);

    public static StoredStatementView Of(StoredStatement s, IEnumerable<Disbursement> disbursements)
    {
        var paid = disbursements.Where(d => d.InstitutionId == s.InstitutionId && d.Year == s.Year && d.Month == s.Month).ToList();
        var funds = Owed(s).Select(kv => new StoredStatementFund(kv.Key, JournalEntry.FundName(kv.Key), kv.Value, paid.Where(d => d.Fund == kv.Key).Sum(d => d.Amount))).ToList();
        return new StoredStatementView(s.StatementNo, s.FixmedinsCode, s.FixmedinsName, string.Create(CultureInfo.InvariantCulture, $"{s.Year:0000}-{s.Month:00}"),
            ((int)s.Status).ToString(CultureInfo.InvariantCulture), StoredStatement.StatusName(s.Status), s.SettledCount, s.CancelledCount,
            s.AdjustmentCount, s.AdjustmentAmount, JsonSerializer.Deserialize<Dictionary<string, decimal>>(s.FieldsJson) ?? [], funds,
            s.TotalDeducted, s.TotalOwed, funds.Sum(f => f.Disbursed), s.GeneratedAt, s.GeneratedBy);
    }
}

public sealed class GenerateStatementsHandler(IAppDbContext db, GetMonthlyStatementHandler statements, IInstitutionPaymentLock paymentLock, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<GeneratedStatements>> HandleAsync(GenerateStatements command, CancellationToken ct = default)
    {
        if (command.Year is < 2000 or > 2100 || command.Month is < 1 or > 12)
        {
            return AppResult<GeneratedStatements>.Fail(new AppError(SettlementErrors.Validation, "结算月份 month：须为 yyyy-MM 格式的有效月份（2000–2100 年）", "month"));
        }

        var first = new DateOnly(command.Year, command.Month, 1);
        if (first.AddMonths(1) > clock.TodayInChina())
        {
            return AppResult<GeneratedStatements>.Fail(new AppError("month-not-ended",
                $"结算月份 month：{command.Year} 年 {command.Month} 月尚未结束，月结算单须在次月 1 日起生成", "month"));
        }

        List<long> ids;
        var code = command.Institution?.Trim();
        if (!string.IsNullOrEmpty(code))
        {
            var id = await db.Institutions.Where(i => i.Code == code).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                return AppResult<GeneratedStatements>.Fail(new AppError(SettlementErrors.InstitutionNotFound, $"定点医药机构 institution：编号“{code}”不存在", "institution"));
            }

            ids = [id.Value];
        }
        else
        {
            // Every institution with a settlement, a cancellation or a 2101 posting in the month.
            var last = first.AddMonths(1).AddDays(-1);
            var fromUtc = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var toUtc = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var settled = await db.Settlements.Where(s => (s.SetlDate >= first && s.SetlDate <= last) || (s.CancelledAt >= fromUtc && s.CancelledAt < toUtc))
                .Select(s => s.InstitutionId).Distinct().ToListAsync(ct);
            var posted = await db.JournalEntries.Where(e => e.EntryDate >= first && e.EntryDate <= last).SelectMany(e => e.Lines)
                .Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable && l.InstitutionId != null).Select(l => l.InstitutionId!.Value).Distinct().ToListAsync(ct);
            ids = [.. settled.Concat(posted).Distinct().Order()];
        }

        // The month has ended, so its settlements, cancellations and 2101 postings no longer change (new ones are dated today):
        // with several institutions their figures are read for the whole month at once; disbursements are read under each lock.
        var prefetched = new Dictionary<long, MonthlyStatement>();
        if (ids.Count > 1)
        {
            var institutions = await db.Institutions.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(ct);
            prefetched = (await statements.ForInstitutionsAsync(command.Year, command.Month, institutions, ct)).ToDictionary(s => s.Institution.Id);
        }

        var generated = new List<StoredStatementView>();
        var already = new List<StoredStatementView>();
        foreach (var id in ids)
        {
            var one = await db.InTransactionAsync(() => GenerateOneAsync(id, command.Year, command.Month, prefetched.GetValueOrDefault(id), ct), ct);
            if (!one.Succeeded)
            {
                return AppResult<GeneratedStatements>.Fail(one.Errors);
            }

            (one.Value!.Fresh ? generated : already).Add(one.Value.View);
        }

        return AppResult<GeneratedStatements>.Ok(new GeneratedStatements(generated, already));
    }

    private sealed record One(bool Fresh, StoredStatementView View);

    private async Task<AppResult<One>> GenerateOneAsync(long institutionId, int year, int month, MonthlyStatement? prefetched, CancellationToken ct)
    {
        await paymentLock.LockAsync(institutionId, ct);
        var disbursements = await db.Disbursements.AsNoTracking().Where(d => d.InstitutionId == institutionId && d.Year == year && d.Month == month).ToListAsync(ct);
        var existing = await db.StoredStatements.AsNoTracking().FirstOrDefaultAsync(s => s.InstitutionId == institutionId && s.Year == year && s.Month == month, ct);
        if (existing is not null)
        {
            return AppResult<One>.Ok(new One(false, StoredStatementView.Of(existing, disbursements)));
        }

        var code = await db.Institutions.Where(i => i.Id == institutionId).Select(i => i.Code).FirstAsync(ct);
        var s = prefetched;
        if (s is null)
        {
            var computed = await statements.HandleAsync(new GetMonthlyStatement(code, year, month), ct);
            if (!computed.Succeeded)
            {
                return AppResult<One>.Fail(computed.Errors);
            }

            s = computed.Value!;
        }

        var first = new DateOnly(year, month, 1);
        var fromUtc = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var toUtc = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var adjustments = await db.Settlements.AsNoTracking()
            .Where(x => x.InstitutionId == institutionId && x.Status == SettlementStatus.Cancelled && x.CancelledAt >= fromUtc && x.CancelledAt < toUtc && x.SetlDate < first)
            .Select(x => new { x.FundPaySumamt, x.AcctPay }).ToListAsync(ct);
        var stored = new StoredStatement
        {
            StatementNo = string.Create(CultureInfo.InvariantCulture, $"JS{year:0000}{month:00}-{code}"),
            InstitutionId = institutionId,
            FixmedinsCode = code,
            FixmedinsName = s.Institution.Name,
            Year = year,
            Month = month,
            SettledCount = s.SettledCount,
            CancelledCount = s.CancelledCount,
            AdjustmentCount = adjustments.Count,
            AdjustmentAmount = adjustments.Sum(a => a.FundPaySumamt + a.AcctPay),
            FieldsJson = JsonSerializer.Serialize(s.Fields.ToDictionary(f => f.Code, f => f.Net, StringComparer.Ordinal)),
            FundsJson = StoredStatementView.FundsJson(s),
            DeductionsJson = StoredStatementView.DeductionsJson(s),
            TotalOwed = s.TotalOwed,
            TotalDeducted = s.TotalDeducted,
            GeneratedAt = clock.GetUtcNow().UtcDateTime,
            GeneratedBy = user.UserName,
        };
        if (stored.TotalOwed > 0 && disbursements.Sum(d => d.Amount) >= stored.TotalOwed)
        {
            stored.Status = StatementStatus.Paid;
            stored.PaidAt = stored.GeneratedAt;
        }

        db.StoredStatements.Add(stored);
        await db.SaveChangesAsync(ct);
        return AppResult<One>.Ok(new One(true, StoredStatementView.Of(stored, disbursements)));
    }
}

/// <summary>Stored 月结算单 of a month (all institutions, or one institution's own when <see cref="InstitutionId"/> is given: the API's scoping).</summary>
public sealed record ListStoredStatements(int? Year = null, int? Month = null, long? InstitutionId = null);

public sealed class ListStoredStatementsHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<StoredStatementView>> HandleAsync(ListStoredStatements query, CancellationToken ct = default)
    {
        var q = db.StoredStatements.AsNoTracking();
        if (query.InstitutionId is { } inst)
        {
            q = q.Where(s => s.InstitutionId == inst);
        }

        if (query.Year is { } y)
        {
            q = q.Where(s => s.Year == y);
        }

        if (query.Month is { } m)
        {
            q = q.Where(s => s.Month == m);
        }

        var list = await q.OrderByDescending(s => s.Year).ThenByDescending(s => s.Month).ThenBy(s => s.FixmedinsCode).Take(500).ToListAsync(ct);
        var instIds = list.Select(s => s.InstitutionId).Distinct().ToList();
        var years = list.Select(s => s.Year).Distinct().ToList();
        var disbursements = await db.Disbursements.AsNoTracking().Where(d => instIds.Contains(d.InstitutionId) && years.Contains(d.Year)).ToListAsync(ct);
        return [.. list.Select(s => StoredStatementView.Of(s, disbursements))];
    }
}
