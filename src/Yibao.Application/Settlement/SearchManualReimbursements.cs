using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>手工报销查询: by person (人员编号/姓名 prefix), 发票号, status; paged, newest first; Excel rows with masked bank accounts.</summary>
public sealed record SearchManualReimbursements(string? Keyword = null, string? Status = null, int Page = 1, int PageSize = 20, long? PersonId = null);

public sealed record ReimbursementRow(long Id, string ReimbNo, string PsnNo, string PsnName, string InstitutionName, string PlaceName, DateOnly BeginDate, string InvoiceNo,
    decimal MedfeeSumamt, decimal FundPaySumamt, decimal PsnPartAmt, string StatusName, ReimbursementStatus Status, string CreatedBy, string? ReviewedBy, string BankAccountMasked);

public sealed class SearchManualReimbursementsHandler(IAppDbContext db)
{
    public const int MaxExportRows = 50_000;

    public async Task<PagedList<ReimbursementRow>> HandleAsync(SearchManualReimbursements query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var filtered = Filter(query);
        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await filtered.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<ReimbursementRow>(rows.Select(Row).ToList(), page, pageSize, total);
    }

    public async Task<IReadOnlyList<Dictionary<string, object?>>> ExportAsync(SearchManualReimbursements query, CancellationToken ct = default)
    {
        var rows = await Filter(query).OrderByDescending(r => r.Id).Take(MaxExportRows).ToListAsync(ct);
        return rows.Select(Row).Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["报销单号"] = r.ReimbNo,
            ["人员编号"] = r.PsnNo,
            ["姓名"] = r.PsnName,
            ["就诊机构"] = r.InstitutionName,
            ["就医地类别"] = r.PlaceName,
            ["就诊日期"] = r.BeginDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["发票号"] = r.InvoiceNo,
            ["医疗费总额"] = r.MedfeeSumamt,
            ["基金支付"] = r.FundPaySumamt,
            ["个人负担"] = r.PsnPartAmt,
            ["状态"] = r.StatusName,
            ["录入人"] = r.CreatedBy,
            ["审核人"] = r.ReviewedBy,
            ["收款账号"] = r.BankAccountMasked,
        }).ToList();
    }

    public static ReimbursementRow Row(ManualReimbursement r) => new(r.Id, r.ReimbNo, r.PsnNo, r.PsnName, r.InstitutionName, PolicyValidator.PlaceName(r.Place), r.BeginDate,
        r.InvoiceNo, r.MedfeeSumamt, r.FundPaySumamt, r.PsnPartAmt, ManualReimbursement.StatusName(r.Status), r.Status, r.CreatedBy, r.ReviewedBy, Masking.BankAccount(r.BankAccountNo));

    private IQueryable<ManualReimbursement> Filter(SearchManualReimbursements q)
    {
        var rows = db.ManualReimbursements.AsNoTracking();
        if (q.PersonId is { } pid)
        {
            rows = rows.Where(r => r.PersonId == pid);
        }

        var k = (q.Keyword ?? "").Trim();
        if (k.Length > 0)
        {
            rows = rows.Where(r => r.PsnNo == k || r.InvoiceNo == k || r.ReimbNo == k || r.PsnName.StartsWith(k));
        }

        if (int.TryParse(q.Status, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && Enum.IsDefined((ReimbursementStatus)s))
        {
            var status = (ReimbursementStatus)s;
            rows = rows.Where(r => r.Status == status);
        }

        return rows;
    }
}
