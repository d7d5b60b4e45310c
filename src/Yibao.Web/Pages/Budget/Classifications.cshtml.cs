using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Domain.Budget.Classification;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Budget;

/// <summary>科目表 (财务): import a year's classification catalog from CSV/XLSX (all-or-nothing), list what is imported, look codes up.</summary>
public sealed class ClassificationsModel(ImportClassificationCatalogHandler import, BudgetCatalogs catalogs) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<ClassificationSummary> Summary { get; private set; } = [];

    public IReadOnlyList<ClassificationRow> YearRows { get; private set; } = [];

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public IActionResult OnGetSample()
    {
        var csv = string.Join("\r\n", [
            string.Join(",", ClassificationCsv.Columns),
            "2026,功能,210,卫生健康支出,,",
            "2026,功能,21015,医疗保障管理事务,210,",
            "2026,功能,2101506,医疗保障经办事务,21015,",
            "2026,部门经济,302,商品和服务支出,,502",
            "2026,部门经济,30201,办公费,302,50201",
            "2026,政府经济,502,机关商品和服务支出,,",
            "2026,政府经济,50201,办公经费,502,",
        ]) + "\r\n";
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv", "budget-classification-sample.csv");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (records, fileName, error) = await TabularUpload.ReadAsync(Upload, ct);
        if (error is not null || records is null)
        {
            Errors = [new AppError("file", $"{error?.Column ?? "文件"}：{error?.Message}", "upload")];
            await LoadAsync(ct);
            return Page();
        }
        var r = await import.HandleAsync(new ImportClassificationCatalog(records, fileName), ct);
        if (!r.Succeeded)
        {
            Errors = r.Errors;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = $"已导入“{fileName}”：{r.Value!.Describe()}。";
        return RedirectToPage("Classifications", new { year = r.Value.Parts[0].Year });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Summary = await catalogs.SummaryAsync(ct);
        Year ??= Summary.Count > 0 ? Summary[0].Year : null;
        YearRows = Year is int y ? await catalogs.RowsAsync(y, ct) : [];
    }

    public static string Years(int y) => y.ToString(CultureInfo.InvariantCulture);
}
