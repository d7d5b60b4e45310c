using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// Shared rules of 对账 (3201/3202): only valid (not cancelled) settlements of the calling institution whose 结算日期
/// falls in [stmt_begndate, stmt_enddate] count; a cancelled settlement and its reversal net to zero and are left out.
/// 清算类别 clr_type: 11 门诊 (普通门诊、门诊慢特病), 21 住院 (含生育), 41 定点药店购药 (any settlement at a 零售药店).
/// </summary>
public static class Reconciliation
{
    public const int MaxDays = 366;

    public static string ClearingType(VisitType medType, InstitutionType institutionType) =>
        institutionType == InstitutionType.Pharmacy ? "41"
        : medType is VisitType.Inpatient or VisitType.Maternity ? "21"
        : "11";

    public static string ClearingTypeName(string clrType) => clrType switch
    {
        "11" => "门诊",
        "21" => "住院",
        "41" => "定点药店购药",
        _ => clrType,
    };

    public static bool IsClearingType(string? clrType) => clrType is "11" or "21" or "41";

    internal static IRuleBuilderOptions<T, DateOnly> PeriodRules<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, DateOnly>> begin, System.Linq.Expressions.Expression<Func<T, DateOnly>> end)
    {
        v.RuleFor(begin).NotEqual(default(DateOnly)).WithMessage("对账开始日期 stmt_begndate：不能为空").OverridePropertyName("stmt_begndate");
        return v.RuleFor(end).NotEqual(default(DateOnly)).WithMessage("对账结束日期 stmt_enddate：不能为空").OverridePropertyName("stmt_enddate");
    }

    internal static AppError? CheckPeriod(DateOnly begin, DateOnly end)
    {
        if (end < begin)
        {
            return new AppError(SettlementErrors.Validation, $"对账结束日期 stmt_enddate：{end:yyyy-MM-dd} 早于开始日期 {begin:yyyy-MM-dd}", "stmt_enddate");
        }

        return end.DayNumber - begin.DayNumber + 1 > MaxDays
            ? new AppError(SettlementErrors.Validation, $"对账结束日期 stmt_enddate：对账期间不能超过 {MaxDays} 天", "stmt_enddate")
            : null;
    }

    internal sealed record Row(string SetlId, string Insutype, VisitType MedType, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay);

    /// <summary>The caller's valid settlements in the period (amounts summed in memory: decimal aggregates behave the same on both engines).</summary>
    internal static Task<List<Row>> ValidSettlementsAsync(IAppDbContext db, long institutionId, DateOnly begin, DateOnly end, CancellationToken ct) =>
        db.Settlements.AsNoTracking()
            .Where(s => s.InstitutionId == institutionId && s.Status == SettlementStatus.Settled && s.SetlDate >= begin && s.SetlDate <= end)
            .OrderBy(s => s.Id)
            .Select(s => new Row(s.SetlId, s.Insutype, s.MedType, s.MedfeeSumamt, s.FundPaySumamt, s.AcctPay, s.PsnCashPay))
            .ToListAsync(ct);
}

// ───────────────────────────── 3201 对总账 ─────────────────────────────

/// <summary>One group of the institution's totals (险种 × 清算类别).</summary>
public sealed record TotalsInput(
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("clr_type")] string ClrType,
    [property: JsonPropertyName("medfee_sumamt")] decimal MedfeeSumamt,
    [property: JsonPropertyName("fund_pay_sumamt")] decimal FundPaySumamt,
    [property: JsonPropertyName("acct_pay")] decimal AcctPay,
    [property: JsonPropertyName("fixmedins_setl_cnt")] int FixmedinsSetlCnt);

/// <summary>3201 对总账: the institution's totals per 险种 and 清算类别 for a period, compared with ours.</summary>
public sealed record ReconcileTotals(
    [property: JsonPropertyName("stmt_begndate")] DateOnly StmtBegndate,
    [property: JsonPropertyName("stmt_enddate")] DateOnly StmtEnddate,
    [property: JsonPropertyName("data")] IReadOnlyList<TotalsInput> Data);

public sealed record FieldDifference(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("medins_value")] decimal MedinsValue,
    [property: JsonPropertyName("hi_value")] decimal HiValue,
    [property: JsonPropertyName("diff")] decimal Diff);

public sealed record TotalsGroupResult(
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("clr_type")] string ClrType,
    [property: JsonPropertyName("medfee_sumamt")] decimal MedfeeSumamt,
    [property: JsonPropertyName("fund_pay_sumamt")] decimal FundPaySumamt,
    [property: JsonPropertyName("acct_pay")] decimal AcctPay,
    [property: JsonPropertyName("setl_cnt")] int SetlCnt,
    [property: JsonPropertyName("stmt_rslt")] string StmtRslt,
    [property: JsonPropertyName("stmt_rslt_dscr")] string StmtRsltDscr,
    [property: JsonPropertyName("diffs")] IReadOnlyList<FieldDifference> Diffs);

public sealed record TotalsReconciliation(
    [property: JsonPropertyName("fixmedins_code")] string FixmedinsCode,
    [property: JsonPropertyName("stmt_begndate")] DateOnly StmtBegndate,
    [property: JsonPropertyName("stmt_enddate")] DateOnly StmtEnddate,
    [property: JsonPropertyName("stmt_rslt")] string StmtRslt,
    [property: JsonPropertyName("stmt_rslt_dscr")] string StmtRsltDscr,
    [property: JsonPropertyName("stmtinfo")] IReadOnlyList<TotalsGroupResult> Groups);

public sealed class ReconcileTotalsValidator : AbstractValidator<ReconcileTotals>
{
    public ReconcileTotalsValidator()
    {
        Reconciliation.PeriodRules(this, x => x.StmtBegndate, x => x.StmtEnddate);
        RuleFor(x => x.Data).NotNull().WithMessage("对账数据 data：不能为空")
            .Must(d => d is { Count: > 0 and <= 100 }).WithMessage("对账数据 data：须有 1–100 组（险种 × 清算类别）").OverridePropertyName("data");
        RuleForEach(x => x.Data).ChildRules(g =>
        {
            g.RuleFor(x => x.Insutype).Must(Registry.RegistryLookups.IsInsuranceType).WithMessage(Registry.RegistryLookups.InsutypeMessage).OverridePropertyName("insutype");
            g.RuleFor(x => x.ClrType).Must(Reconciliation.IsClearingType).WithMessage("清算类别 clr_type：“{PropertyValue}”无效，应为 11（门诊）、21（住院）或 41（定点药店购药）").OverridePropertyName("clr_type");
            g.RuleFor(x => x.FixmedinsSetlCnt).GreaterThanOrEqualTo(0).WithMessage("结算笔数 fixmedins_setl_cnt：不能为负数").OverridePropertyName("fixmedins_setl_cnt");
            g.RuleFor(x => x.MedfeeSumamt).Must(a => decimal.Round(a, 2) == a).WithMessage("医疗费总额 medfee_sumamt：最多两位小数").OverridePropertyName("medfee_sumamt");
            g.RuleFor(x => x.FundPaySumamt).Must(a => decimal.Round(a, 2) == a).WithMessage("基金支付总额 fund_pay_sumamt：最多两位小数").OverridePropertyName("fund_pay_sumamt");
            g.RuleFor(x => x.AcctPay).Must(a => decimal.Round(a, 2) == a).WithMessage("个人账户支出 acct_pay：最多两位小数").OverridePropertyName("acct_pay");
        }).OverridePropertyName("data");
        RuleFor(x => x.Data).Must(d => d is null || d.Select(g => (g.Insutype, g.ClrType)).Distinct().Count() == d.Count)
            .WithMessage("对账数据 data：同一险种和清算类别只能出现一次").OverridePropertyName("data");
    }
}

public sealed class ReconcileTotalsHandler(IAppDbContext db)
{
    private static readonly ReconcileTotalsValidator Validator = new();

    public async Task<AppResult<TotalsReconciliation>> HandleAsync(InstitutionCaller caller, ReconcileTotals query, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return AppResult<TotalsReconciliation>.Fail(validation.ToAppErrors());
        }

        if (Reconciliation.CheckPeriod(query.StmtBegndate, query.StmtEnddate) is { } periodError)
        {
            return AppResult<TotalsReconciliation>.Fail(periodError);
        }

        var inst = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == caller.InstitutionId, ct);
        if (inst is null)
        {
            return AppResult<TotalsReconciliation>.Fail(new AppError(SettlementErrors.InstitutionNotFound, $"定点医药机构：编号 {caller.FixmedinsCode} 不存在", "fixmedins_code"));
        }

        var rows = await Reconciliation.ValidSettlementsAsync(db, inst.Id, query.StmtBegndate, query.StmtEnddate, ct);
        var ours = rows.GroupBy(r => (r.Insutype, Clr: Reconciliation.ClearingType(r.MedType, inst.Type)))
            .ToDictionary(g => g.Key, g => (Medfee: g.Sum(r => r.MedfeeSumamt), Fund: g.Sum(r => r.FundPaySumamt), Acct: g.Sum(r => r.AcctPay), Count: g.Count()));
        var theirs = query.Data.ToDictionary(g => (g.Insutype, Clr: g.ClrType));

        var groups = new List<TotalsGroupResult>();
        foreach (var key in ours.Keys.Union(theirs.Keys).OrderBy(k => k.Insutype, StringComparer.Ordinal).ThenBy(k => k.Clr, StringComparer.Ordinal))
        {
            var o = ours.GetValueOrDefault(key);
            var diffs = new List<FieldDifference>();
            string dscr;
            if (theirs.TryGetValue(key, out var t))
            {
                void Compare(string field, string name, decimal medins, decimal hi)
                {
                    if (medins != hi)
                    {
                        diffs.Add(new FieldDifference(field, name, medins, hi, medins - hi));
                    }
                }

                Compare("medfee_sumamt", "医疗费总额", t.MedfeeSumamt, o.Medfee);
                Compare("fund_pay_sumamt", "基金支付总额", t.FundPaySumamt, o.Fund);
                Compare("acct_pay", "个人账户支出", t.AcctPay, o.Acct);
                Compare("fixmedins_setl_cnt", "结算笔数", t.FixmedinsSetlCnt, o.Count);
                dscr = diffs.Count == 0
                    ? "一致"
                    : "不一致：" + string.Join("；", diffs.Select(d => $"{d.Name} {d.Field} 机构 {Fmt(d.Field, d.MedinsValue)}、医保 {Fmt(d.Field, d.HiValue)}，相差 {Fmt(d.Field, d.Diff)}"));
            }
            else
            {
                dscr = $"不一致：机构未报送险种 {key.Insutype}、清算类别 {key.Clr}（{Reconciliation.ClearingTypeName(key.Clr)}）的总账，医保方有 {o.Count} 笔";
                diffs.Add(new FieldDifference("fixmedins_setl_cnt", "结算笔数", 0, o.Count, -o.Count));
            }

            groups.Add(new TotalsGroupResult(key.Insutype, key.Clr, o.Medfee, o.Fund, o.Acct, o.Count, diffs.Count == 0 ? "0" : "1", dscr, diffs));
        }

        var mismatched = groups.Count(g => g.StmtRslt == "1");
        return AppResult<TotalsReconciliation>.Ok(new TotalsReconciliation(inst.Code, query.StmtBegndate, query.StmtEnddate,
            mismatched == 0 ? "0" : "1", mismatched == 0 ? "一致" : $"不一致：{mismatched} 组有差异", groups));
    }

    private static string Fmt(string field, decimal v) =>
        field == "fixmedins_setl_cnt" ? v.ToString("0", OnlineSettlement.Invariant) + " 笔" : v.ToString("0.00", OnlineSettlement.Invariant) + " 元";
}

// ───────────────────────────── 3202 对明细账 ─────────────────────────────

/// <summary>One settlement as the institution recorded it.</summary>
public sealed record DetailInput(
    [property: JsonPropertyName("setl_id")] string SetlId,
    [property: JsonPropertyName("medfee_sumamt")] decimal MedfeeSumamt,
    [property: JsonPropertyName("fund_pay_sumamt")] decimal FundPaySumamt,
    [property: JsonPropertyName("acct_pay")] decimal AcctPay);

/// <summary>3202 对明细账: the institution's list of settlements for a period, compared one by one with ours.</summary>
public sealed record ReconcileDetails(
    [property: JsonPropertyName("stmt_begndate")] DateOnly StmtBegndate,
    [property: JsonPropertyName("stmt_enddate")] DateOnly StmtEnddate,
    [property: JsonPropertyName("details")] IReadOnlyList<DetailInput> Details);

public sealed record DetailMismatch(
    [property: JsonPropertyName("setl_id")] string SetlId,
    [property: JsonPropertyName("mismatch_type")] string Type,
    [property: JsonPropertyName("memo")] string Memo,
    [property: JsonPropertyName("diffs")] IReadOnlyList<FieldDifference> Diffs);

public sealed record DetailsReconciliation(
    [property: JsonPropertyName("fixmedins_code")] string FixmedinsCode,
    [property: JsonPropertyName("stmt_begndate")] DateOnly StmtBegndate,
    [property: JsonPropertyName("stmt_enddate")] DateOnly StmtEnddate,
    [property: JsonPropertyName("medins_setl_cnt")] int MedinsCount,
    [property: JsonPropertyName("hi_setl_cnt")] int HiCount,
    [property: JsonPropertyName("stmt_rslt")] string StmtRslt,
    [property: JsonPropertyName("stmt_rslt_dscr")] string StmtRsltDscr,
    [property: JsonPropertyName("missing_in_hi")] IReadOnlyList<DetailMismatch> MissingInHi,
    [property: JsonPropertyName("missing_in_medins")] IReadOnlyList<DetailMismatch> MissingInMedins,
    [property: JsonPropertyName("amount_diffs")] IReadOnlyList<DetailMismatch> AmountDiffs);

public sealed class ReconcileDetailsValidator : AbstractValidator<ReconcileDetails>
{
    public const int MaxDetails = 100_000;

    public ReconcileDetailsValidator()
    {
        Reconciliation.PeriodRules(this, x => x.StmtBegndate, x => x.StmtEnddate);
        RuleFor(x => x.Details).NotNull().WithMessage("明细 details：不能为空（本期无结算时传空数组）")
            .Must(d => d is null || d.Count <= MaxDetails).WithMessage($"明细 details：一次最多 {MaxDetails} 条").OverridePropertyName("details");
        RuleForEach(x => x.Details).ChildRules(d =>
        {
            d.RuleFor(x => x.SetlId).NotEmpty().WithMessage("结算 ID setl_id：不能为空").MaximumLength(40).WithMessage("结算 ID setl_id：不能超过 40 个字符").OverridePropertyName("setl_id");
        }).OverridePropertyName("details");
        RuleFor(x => x.Details).Must(d => d is null || d.Select(x => x.SetlId).Distinct(StringComparer.Ordinal).Count() == d.Count)
            .WithMessage("结算 ID setl_id：明细中有重复的结算 ID").OverridePropertyName("setl_id");
    }
}

public sealed class ReconcileDetailsHandler(IAppDbContext db)
{
    public const string MissingInHi = "1";
    public const string MissingInMedins = "2";
    public const string AmountDiff = "3";

    private static readonly ReconcileDetailsValidator Validator = new();

    public async Task<AppResult<DetailsReconciliation>> HandleAsync(InstitutionCaller caller, ReconcileDetails query, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return AppResult<DetailsReconciliation>.Fail(validation.ToAppErrors());
        }

        if (Reconciliation.CheckPeriod(query.StmtBegndate, query.StmtEnddate) is { } periodError)
        {
            return AppResult<DetailsReconciliation>.Fail(periodError);
        }

        var rows = await Reconciliation.ValidSettlementsAsync(db, caller.InstitutionId, query.StmtBegndate, query.StmtEnddate, ct);
        var ours = rows.ToDictionary(r => r.SetlId, StringComparer.Ordinal);
        var theirs = query.Details.ToDictionary(d => d.SetlId.Trim(), StringComparer.Ordinal);

        // Why a settlement they list is not among ours: cancelled, outside the period, or unknown (others' are unknown).
        var unmatched = theirs.Keys.Where(k => !ours.ContainsKey(k)).ToList();
        var known = new Dictionary<string, (SettlementStatus Status, DateOnly Date)>(StringComparer.Ordinal);
        foreach (var chunk in unmatched.Chunk(500))
        {
            var found = await db.Settlements.AsNoTracking()
                .Where(s => s.InstitutionId == caller.InstitutionId && chunk.Contains(s.SetlId))
                .Select(s => new { s.SetlId, s.Status, s.SetlDate }).ToListAsync(ct);
            found.ForEach(f => known[f.SetlId] = (f.Status, f.SetlDate));
        }

        var missingInHi = new List<DetailMismatch>();
        var amountDiffs = new List<DetailMismatch>();
        foreach (var (id, t) in theirs)
        {
            if (!ours.TryGetValue(id, out var o))
            {
                var memo = known.TryGetValue(id, out var k)
                    ? k.Status == SettlementStatus.Cancelled ? "医保方该结算已撤销（冲正）" : $"医保方该结算日期为 {k.Date:yyyy-MM-dd}，不在对账期间内"
                    : "医保方无此结算";
                missingInHi.Add(new DetailMismatch(id, MissingInHi, memo, []));
                continue;
            }

            var diffs = new List<FieldDifference>();
            if (t.MedfeeSumamt != o.MedfeeSumamt)
            {
                diffs.Add(new FieldDifference("medfee_sumamt", "医疗费总额", t.MedfeeSumamt, o.MedfeeSumamt, t.MedfeeSumamt - o.MedfeeSumamt));
            }

            if (t.FundPaySumamt != o.FundPaySumamt)
            {
                diffs.Add(new FieldDifference("fund_pay_sumamt", "基金支付总额", t.FundPaySumamt, o.FundPaySumamt, t.FundPaySumamt - o.FundPaySumamt));
            }

            if (t.AcctPay != o.AcctPay)
            {
                diffs.Add(new FieldDifference("acct_pay", "个人账户支出", t.AcctPay, o.AcctPay, t.AcctPay - o.AcctPay));
            }

            if (diffs.Count > 0)
            {
                amountDiffs.Add(new DetailMismatch(id, AmountDiff,
                    "金额不一致：" + string.Join("；", diffs.Select(d => string.Create(OnlineSettlement.Invariant, $"{d.Name} 机构 {d.MedinsValue:0.00} 元、医保 {d.HiValue:0.00} 元"))), diffs));
            }
        }

        var missingInMedins = rows.Where(r => !theirs.ContainsKey(r.SetlId))
            .Select(r => new DetailMismatch(r.SetlId, MissingInMedins, string.Create(OnlineSettlement.Invariant, $"机构方无此结算（医保方医疗费总额 {r.MedfeeSumamt:0.00} 元）"), []))
            .ToList();
        var total = missingInHi.Count + missingInMedins.Count + amountDiffs.Count;
        var dscr = total == 0
            ? "一致"
            : $"不一致：医保方缺 {missingInHi.Count} 笔，机构方缺 {missingInMedins.Count} 笔，金额不符 {amountDiffs.Count} 笔";
        return AppResult<DetailsReconciliation>.Ok(new DetailsReconciliation(caller.FixmedinsCode, query.StmtBegndate, query.StmtEnddate,
            theirs.Count, rows.Count, total == 0 ? "0" : "1", dscr, missingInHi.OrderBy(m => m.SetlId, StringComparer.Ordinal).ToList(), missingInMedins, amountDiffs.OrderBy(m => m.SetlId, StringComparer.Ordinal).ToList()));
    }
}
