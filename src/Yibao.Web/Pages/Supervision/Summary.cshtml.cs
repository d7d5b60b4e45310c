using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;
using Yibao.Application.Registry;
using Yibao.Application.Supervision;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Supervision;

/// <summary>基金监管年度汇总 on screen and as Excel (sheets 汇总 and 违规机构).</summary>
public sealed class SummaryModel(GetSupervisionSummaryHandler summary, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public SupervisionSummary? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = Clamp(Year);
        Result = await summary.HandleAsync(new GetSupervisionSummary(Year.Value), ct);
    }

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct)
    {
        var year = Clamp(Year);
        var s = await summary.HandleAsync(new GetSupervisionSummary(year), ct);
        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            ["汇总"] = GetSupervisionSummaryHandler.ToRows(s),
            ["违规机构"] = GetSupervisionSummaryHandler.BreachRows(s).Count > 0
                ? GetSupervisionSummaryHandler.BreachRows(s)
                : [new Dictionary<string, object?> { ["机构编号"] = "（本年度没有查处违规机构）" }],
            ["说明"] = new List<Dictionary<string, object?>> { new() { ["年度汇总"] = GetSupervisionSummaryHandler.Narrative(s) } },
        };
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        var stamp = (clock.GetUtcNow() + TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return File(stream.ToArray(), ExcelFile.ContentType, $"基金监管年度汇总-{year}-{stamp}.xlsx");
    }

    private int Clamp(int? year) => year is >= 2000 and <= 2100 ? year.Value : clock.TodayInChina().Year;
}
