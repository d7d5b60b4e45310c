using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Review;
using Yibao.Domain.Review;

namespace Yibao.Web.Pages.Review.Rules;

/// <summary>审核规则: list with filters, import a rule-set file, export, enable / retire.</summary>
public sealed class IndexModel(ListReviewRulesHandler list, ImportReviewRulesHandler import, ExportReviewRulesHandler export, ChangeReviewRuleStatusHandler status) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public ReviewRuleStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ReviewRuleType? Type { get; set; }

    public IReadOnlyList<ReviewRuleRow> Rules { get; private set; } = [];
    public IReadOnlyList<AppError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Rules = await list.HandleAsync(new ListReviewRules(Text, Status, Type), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var json = await export.HandleAsync(new ExportReviewRules(Status), ct);
        return File(Encoding.UTF8.GetBytes(json), "application/json", "审核规则集.json");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Errors = [new AppError(ReviewErrors.Validation, "规则集文件：请选择要导入的 JSON 文件")];
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            var r = await import.HandleAsync(new ImportReviewRules(await reader.ReadToEndAsync(ct)), ct);
            if (r.Succeeded)
            {
                Message = $"已导入规则集 {r.Value!.RuleSetId}：新建 {r.Value.Created} 条，更新 {r.Value.Updated} 条，未变 {r.Value.Unchanged} 条。";
            }
            else
            {
                Errors = r.Errors;
            }
        }

        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(string code, ReviewRuleStatus to, CancellationToken ct)
    {
        var r = await status.HandleAsync(new ChangeReviewRuleStatus(code, to), ct);
        if (r.Succeeded)
        {
            Message = $"规则 {code} 已{(to == ReviewRuleStatus.Enabled ? "启用" : to == ReviewRuleStatus.Disabled ? "停用" : "退回草稿")}（版本 {r.Value!.Version}）。";
        }
        else
        {
            Errors = r.Errors;
        }

        await OnGetAsync(ct);
        return Page();
    }
}
