using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>Chinese names of the national settlement fields (setlinfo), in the national order.</summary>
public static class SettlementFieldNames
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("medfee_sumamt", "医疗费总额"), ("fulamt_ownpay_amt", "全自费金额"), ("overlmt_selfpay", "超限价自费"),
        ("preselfpay_amt", "乙类先行自付"), ("inscp_scp_amt", "符合政策范围金额"), ("act_pay_dedc", "实际支付起付线"),
        ("hifp_pay", "基本医疗保险统筹基金支出"), ("pool_prop_selfpay", "统筹基金支付比例自付"), ("cvlserv_pay", "公务员医疗补助"),
        ("hifob_pay", "职工大额医疗费用补助"), ("hifmi_pay", "居民大病保险"), ("hifdm_pay", "伤残人员医疗保障"),
        ("maf_pay", "医疗救助"), ("oth_pay", "其他支出（含离休）"), ("fund_pay_sumamt", "基金支付总额"),
        ("psn_part_amt", "个人负担总金额"), ("acct_pay", "个人账户支出"), ("psn_cash_pay", "个人现金支出"),
    ];

    public static string Of(string code) => All.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.Ordinal)).Name ?? code;

    public static string StatusName(SettlementStatus s) => s switch
    {
        SettlementStatus.Settled => "正常",
        SettlementStatus.Cancelled => "已撤销",
        _ => "未知",
    };

    /// <summary>Chinese name of an accumulator slot (kind:group, as the compiled policy names them).</summary>
    public static string SlotName(string slot)
    {
        var i = slot.IndexOf(':', StringComparison.Ordinal);
        var (kind, group) = i < 0 ? (slot, "") : (slot[..i], slot[(i + 1)..]);
        var name = kind switch
        {
            "deductible" => "起付线累计",
            "visits" => "就诊次数",
            "band" => "分段累计",
            "basic_paid" => "统筹基金年度已支付",
            "layer_base" => "大病/补充保障累计基数",
            "layer_paid" => "大病/补充保障已支付",
            _ => kind,
        };
        return group.Length == 0 ? name : $"{name}（{group}）";
    }

    public static string InsutypeName(string code) =>
        RegistryLookups.IsInsuranceType(code) ? RegistryNames.Of(RegistryLookups.ToInsuranceType(code)) : code;
}

/// <summary>
/// 结算查询 (审核员、经办员、财务): by person (证件号码 / 人员编号 / 姓名), institution (code or name), settlement date range,
/// 险种, 医疗费总额 range and status; paged, newest first, Excel export.
/// </summary>
public sealed record SearchSettlements(
    string? Person = null,
    string? Institution = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Insutype = null,
    decimal? MinAmount = null,
    decimal? MaxAmount = null,
    SettlementStatus? Status = null,
    int Page = 1,
    int PageSize = 20,
    bool ShowFullId = false);

public sealed record SettlementRow(
    long Id, string SetlId, DateOnly SetlDate, string PsnNo, string PersonName, string Certno, string FixmedinsCode, string FixmedinsName,
    string Insutype, string MedType, decimal MedfeeSumamt, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay, SettlementStatus Status);

public sealed class SearchSettlementsHandler(IAppDbContext db)
{
    public const int MaxExportRows = 50_000;

    public async Task<AppResult<PagedList<SettlementRow>>> HandleAsync(SearchSettlements query, CancellationToken ct = default)
    {
        if (Validate(query) is { } error)
        {
            return AppResult<PagedList<SettlementRow>>.Fail(error);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var filtered = Filter(query);
        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await ProjectAsync(filtered.OrderByDescending(s => s.SetlDate).ThenByDescending(s => s.Id).Skip((page - 1) * pageSize).Take(pageSize), query.ShowFullId, ct);
        return AppResult<PagedList<SettlementRow>>.Ok(new PagedList<SettlementRow>(rows, page, pageSize, total));
    }

    /// <summary>Rows for the Excel export (up to <see cref="MaxExportRows"/>), Chinese column names.</summary>
    public async Task<AppResult<IReadOnlyList<Dictionary<string, object?>>>> ExportAsync(SearchSettlements query, CancellationToken ct = default)
    {
        if (Validate(query) is { } error)
        {
            return AppResult<IReadOnlyList<Dictionary<string, object?>>>.Fail(error);
        }

        var rows = await ProjectAsync(Filter(query).OrderByDescending(s => s.SetlDate).ThenByDescending(s => s.Id).Take(MaxExportRows), query.ShowFullId, ct);
        return AppResult<IReadOnlyList<Dictionary<string, object?>>>.Ok(rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["结算ID"] = r.SetlId,
            ["结算日期"] = r.SetlDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["人员编号"] = r.PsnNo,
            ["姓名"] = r.PersonName,
            ["证件号码"] = r.Certno,
            ["定点医药机构编号"] = r.FixmedinsCode,
            ["定点医药机构名称"] = r.FixmedinsName,
            ["险种"] = SettlementFieldNames.InsutypeName(r.Insutype),
            ["医疗类别"] = r.MedType,
            ["医疗费总额"] = r.MedfeeSumamt,
            ["基金支付总额"] = r.FundPaySumamt,
            ["个人账户支出"] = r.AcctPay,
            ["个人现金支出"] = r.PsnCashPay,
            ["状态"] = SettlementFieldNames.StatusName(r.Status),
        }).ToList());
    }

    private static AppError? Validate(SearchSettlements q)
    {
        if (q.From is { } f && q.To is { } t && f > t)
        {
            return new AppError(SettlementErrors.Validation, "结算日期：开始日期不能晚于结束日期", "from");
        }

        if (q.MinAmount < 0 || q.MaxAmount < 0)
        {
            return new AppError(SettlementErrors.Validation, "医疗费总额：金额不能为负数", "min");
        }

        if (q.MinAmount is { } lo && q.MaxAmount is { } hi && lo > hi)
        {
            return new AppError(SettlementErrors.Validation, "医疗费总额：最小金额不能大于最大金额", "min");
        }

        return q.Insutype is { Length: > 0 } code && !RegistryLookups.IsInsuranceType(code)
            ? new AppError(SettlementErrors.Validation, $"险种：“{code}”不是有效的险种代码", "insutype")
            : null;
    }

    private IQueryable<SettlementRecord> Filter(SearchSettlements q)
    {
        var s = db.Settlements.AsNoTracking();
        var person = (q.Person ?? string.Empty).Trim();
        if (person.Length > 0)
        {
            if (ResidentId.TryParse(person.ToUpperInvariant(), out var id))
            {
                s = s.Where(x => db.Persons.Any(p => p.Id == x.PersonId && p.ResidentId == id));
            }
            else if (person.All(char.IsAsciiDigit))
            {
                s = s.Where(x => x.PsnNo == person);
            }
            else
            {
                s = s.Where(x => db.Persons.Any(p => p.Id == x.PersonId && p.Name.StartsWith(person)));
            }
        }

        var inst = (q.Institution ?? string.Empty).Trim();
        if (inst.Length > 0)
        {
            s = s.Where(x => db.Institutions.Any(i => i.Id == x.InstitutionId && (i.Code == inst || i.Name.Contains(inst))));
        }

        if (q.From is { } from)
        {
            s = s.Where(x => x.SetlDate >= from);
        }

        if (q.To is { } to)
        {
            s = s.Where(x => x.SetlDate <= to);
        }

        if (q.Insutype is { Length: > 0 } insutype)
        {
            s = s.Where(x => x.Insutype == insutype);
        }

        if (q.MinAmount is { } min)
        {
            s = s.Where(x => x.MedfeeSumamt >= min);
        }

        if (q.MaxAmount is { } max)
        {
            s = s.Where(x => x.MedfeeSumamt <= max);
        }

        if (q.Status is { } status)
        {
            s = s.Where(x => x.Status == status);
        }

        return s;
    }

    private async Task<List<SettlementRow>> ProjectAsync(IQueryable<SettlementRecord> settlements, bool showFullId, CancellationToken ct)
    {
        var list = await settlements.Select(x => new
        {
            x.Id, x.SetlId, x.SetlDate, x.PsnNo, x.PersonId, x.InstitutionId, x.Insutype, x.MedType, x.MedfeeSumamt, x.FundPaySumamt, x.AcctPay, x.PsnCashPay, x.Status,
        }).ToListAsync(ct);
        var personIds = list.Select(x => x.PersonId).Distinct().ToList();
        var instIds = list.Select(x => x.InstitutionId).Distinct().ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.ResidentId }).ToDictionaryAsync(p => p.Id, ct);
        var insts = await db.Institutions.AsNoTracking().Where(i => instIds.Contains(i.Id)).Select(i => new { i.Id, i.Code, i.Name }).ToDictionaryAsync(i => i.Id, ct);
        return list.Select(x =>
        {
            var p = persons.GetValueOrDefault(x.PersonId);
            var i = insts.GetValueOrDefault(x.InstitutionId);
            var certno = p is null ? "" : showFullId ? p.ResidentId.Value : Masking.ResidentId(p.ResidentId.Value);
            return new SettlementRow(x.Id, x.SetlId, x.SetlDate, x.PsnNo, p?.Name ?? "", certno, i?.Code ?? "", i?.Name ?? "",
                x.Insutype, x.MedType.ChineseName(), x.MedfeeSumamt, x.FundPaySumamt, x.AcctPay, x.PsnCashPay, x.Status);
        }).ToList();
    }
}

/// <summary>结算明细 (staff): header, national fields, classified fee lines, explanation, accumulators before/after, journal entries, history.</summary>
public sealed record SettlementDetail(
    SettlementRecord Record,
    string MdtrtId,
    string PersonName,
    string Certno,
    string FixmedinsCode,
    string FixmedinsName,
    IReadOnlyList<(string Code, string Name, decimal Value)> Fields,
    IReadOnlyList<JsonElement> Lines,
    IReadOnlyList<string> Explanation,
    IReadOnlyList<(string Slot, decimal Before, decimal After)> Accumulators,
    IReadOnlyList<JournalEntry> Entries);

public sealed class GetSettlementDetailHandler(IAppDbContext db)
{
    public async Task<SettlementDetail?> HandleAsync(string setlId, bool showFullId, CancellationToken ct = default)
    {
        var s = await db.Settlements.AsNoTracking().FirstOrDefaultAsync(x => x.SetlId == setlId, ct);
        if (s is null)
        {
            return null;
        }

        var mdtrtId = await db.MedicalEncounters.AsNoTracking().Where(e => e.Id == s.EncounterId).Select(e => e.MdtrtId).FirstOrDefaultAsync(ct) ?? "";
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == s.PersonId).Select(p => new { p.Name, p.ResidentId }).FirstOrDefaultAsync(ct);
        var inst = await db.Institutions.AsNoTracking().Where(i => i.Id == s.InstitutionId).Select(i => new { i.Code, i.Name }).FirstOrDefaultAsync(ct);
        var entryIds = new[] { s.JournalEntryId, s.ReversalJournalEntryId }.OfType<long>().ToList();
        var entries = await db.JournalEntries.AsNoTracking().Include(j => j.Lines).Where(j => entryIds.Contains(j.Id)).OrderBy(j => j.Id).ToListAsync(ct);
        var before = OnlineSettlement.ReadAccumulators(s.AccumulatorsBeforeJson);
        var after = OnlineSettlement.ReadAccumulators(s.AccumulatorsAfterJson);
        var setl = s.ToSetlInfo().Fields();
        return new SettlementDetail(
            s, mdtrtId, person?.Name ?? "",
            person is null ? "" : showFullId ? person.ResidentId.Value : Masking.ResidentId(person.ResidentId.Value),
            inst?.Code ?? "", inst?.Name ?? "",
            setl.Select(f => (f.Name, SettlementFieldNames.Of(f.Name), f.Value)).ToList(),
            JsonSerializer.Deserialize<List<JsonElement>>(s.LinesJson) ?? [],
            JsonSerializer.Deserialize<List<string>>(s.ExplanationJson) ?? [],
            before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).Select(k => (k, before.GetValueOrDefault(k), after.GetValueOrDefault(k))).ToList(),
            entries);
    }
}
