using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Domain.Admin;
using Yibao.Domain.Budget.Model;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Budget;

/// <summary>One row of the comparison with last year (元).</summary>
public sealed record ComparisonRow(string Label, decimal Current, decimal Prior, decimal Change, decimal? Percent, string? Reason);

/// <summary>
/// 一份部门预算：校验发现（同一规则目录）、公开表格（HTML 渲染器）、与上年对比及经济分类构成图、状态流转、替换文件、下载。
/// 财务 may change it; 局领导 reads.
/// </summary>
public sealed class ViewModel(GetBudgetHandler get, ChangeBudgetStatusHandler change, ReplaceBudgetDocumentHandler replace) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Profile { get; set; }

    public BudgetDetail Detail { get; private set; } = null!;

    public GeneratedDisclosure Disclosure { get; private set; } = null!;

    public string TablesHtml { get; private set; } = "";

    public IReadOnlyList<ComparisonRow> Comparison { get; private set; } = [];

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public string ChartLabels { get; private set; } = "[]";

    public string ChartCurrent { get; private set; } = "[]";

    public string ChartPrior { get; private set; } = "[]";

    public bool CanWrite => User.IsInRole(Roles.Finance);

    // Written into data-* attributes, which Razor HTML-encodes: Chinese stays readable.
    private static readonly JsonSerializerOptions ChartJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (string Code, string Name)[] EconomicClasses =
        [("301", "工资福利支出"), ("302", "商品和服务支出"), ("303", "对个人和家庭的补助"), ("310", "资本性支出")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string format, CancellationToken ct)
    {
        var d = await get.HandleAsync(new GetBudget(Id), ct);
        if (d is null)
        {
            return NotFound();
        }
        var disclosure = DisclosureComposer.Compose(d.Model, BudgetDownloads.Profile(Profile, d.Stored.Profile));
        try
        {
            var file = await BudgetDownloads.RenderAsync(disclosure, format, ct);
            if (file is null)
            {
                Errors = [new AppError("format", $"格式：应为 {string.Join("、", BudgetDownloads.Formats.Select(f => f.Format))}，实为“{format}”", "format")];
                await LoadAsync(ct);
                return Page();
            }
            return File(file.Value.Content, file.Value.ContentType, file.Value.FileName);
        }
        catch (InvalidOperationException ex)
        {
            Errors = [new AppError("pdf", "PDF：" + ex.Message, "format")];
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostStatusAsync(string target, DateOnly? approvedOn, DateOnly? publishedOn, string? publicAddress, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }
        var to = BudgetNames.Parse<BudgetStatus>(target);
        if (to is null)
        {
            Errors = [new AppError("status", $"状态：应为 {BudgetNames.Choices<BudgetStatus>()}，实为“{target}”", "status")];
        }
        else
        {
            var r = await change.HandleAsync(new ChangeBudgetStatus(Id, to.Value, approvedOn, publishedOn, publicAddress), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"状态已改为“{to.Value.Chinese()}”。";
                return RedirectToPage("View", new { id = Id });
            }
            Errors = r.Errors;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReplaceAsync(IFormFile? upload, string? json, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }
        string? name = null;
        if (upload is { Length: > 0 })
        {
            using var reader = new StreamReader(upload.OpenReadStream());
            json = await reader.ReadToEndAsync(ct);
            name = Path.GetFileName(upload.FileName);
        }
        var r = await replace.HandleAsync(new ReplaceBudgetDocument(Id, json ?? "", name), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = "预算文件已替换，校验结果已更新。";
            return RedirectToPage("View", new { id = Id });
        }
        Errors = r.Errors;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var d = await get.HandleAsync(new GetBudget(Id), ct);
        if (d is null)
        {
            return false;
        }
        Detail = d;
        var profile = BudgetDownloads.Profile(Profile, d.Stored.Profile);
        Profile = profile.Name;
        Disclosure = DisclosureComposer.Compose(d.Model, profile);
        TablesHtml = BudgetDownloads.TablesHtml(Disclosure);

        var model = d.Model;
        var computed = BudgetFigures.Compute(model);
        if (model.Prior is { } prior)
        {
            Comparison = BudgetValidator.ComparedKeys(model, computed)
                .Where(k => prior[k] is not null)
                .Select(k =>
                {
                    var cur = computed.TryGetValue(k, out var c) ? c : 0m;
                    var pr = prior[k]!.Value;
                    var change = cur - pr;
                    decimal? pct = pr == 0 ? null : Math.Round(change / pr * 100m, 2, MidpointRounding.AwayFromZero);
                    return new ComparisonRow(BudgetFigures.Label(k, key => BudgetValidator.CodeName(model, key)), cur, pr, change, pct, model.Reasons.TryGetValue(k, out var reason) ? reason : null);
                })
                .ToList();
        }
        var labels = new List<string>();
        var current = new List<decimal>();
        var prev = new List<decimal?>();
        foreach (var (code, name) in EconomicClasses)
        {
            var sum = model.Lines.Where(l => l.DeptEconomicCode.StartsWith(code, StringComparison.Ordinal)).Sum(l => l.Amount);
            decimal? p = model.Prior?["E:" + code];
            if (sum == 0 && p is null or 0)
            {
                continue;
            }
            labels.Add($"{name}（{code}）");
            current.Add(Math.Round(sum / 10000m, 2, MidpointRounding.AwayFromZero));
            prev.Add(p is decimal pv ? Math.Round(pv / 10000m, 2, MidpointRounding.AwayFromZero) : null);
        }
        ChartLabels = JsonSerializer.Serialize(labels, ChartJson);
        ChartCurrent = JsonSerializer.Serialize(current);
        ChartPrior = prev.Any(x => x is not null) ? JsonSerializer.Serialize(prev) : "[]";
        return true;
    }

    public static string Wan(decimal yuan) => (yuan / 10000m).ToString("N2", CultureInfo.GetCultureInfo("zh-CN"));
}
