using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Review;
using Yibao.Domain.Review;

namespace Yibao.Web.Pages.Review.Rules;

/// <summary>
/// 新建/修改审核规则: fields plus the parameters and scope as JSON (checked by ReviewRuleValidator, errors name the JSON path);
/// 测试 runs the draft as it is on the form over a chosen period (the same evaluation as the 事后 run; nothing is stored).
/// </summary>
public sealed class EditModel(ListReviewRulesHandler list, SaveReviewRuleHandler save, TestReviewRulesHandler test, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    /// <summary>The stored rule being edited (null = new).</summary>
    [BindProperty] public string? Original { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public ReviewRuleType Type { get; set; } = ReviewRuleType.QuantityPerDay;
    [BindProperty] public ReviewResultType Result { get; set; } = ReviewResultType.Suspicious;
    [BindProperty] public ReviewWindow Window { get; set; } = ReviewWindow.Encounter;
    [BindProperty] public int? WindowDays { get; set; }
    [BindProperty] public List<ReviewStage> Stages { get; set; } = [ReviewStage.During, ReviewStage.Post];
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? EffectiveTo { get; set; }
    [BindProperty] public ReviewRuleStatus Status { get; set; } = ReviewRuleStatus.Draft;
    [BindProperty] public string? ScopeJson { get; set; } = "{}";
    [BindProperty] public string? ParametersJson { get; set; } = "{\n  \"items\": [],\n  \"max_quantity\": 1\n}";
    [BindProperty] public string? TestFrom { get; set; }
    [BindProperty] public string? TestTo { get; set; }

    public int? Version { get; private set; }
    public IReadOnlyList<AppError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public ReviewTestResult? TestResult { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        DefaultPeriod();
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }

        var row = await list.GetAsync(Code, ct);
        if (row is null)
        {
            return NotFound();
        }

        Load(row);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (Command(out var errors) is not { } c)
        {
            Errors = errors;
            return Page();
        }

        var r = await save.HandleAsync(c, ct);
        if (!r.Succeeded)
        {
            Errors = r.Errors;
            return Page();
        }

        Load(r.Value!);
        Message = $"规则 {r.Value!.RuleCode} 已保存（版本 {r.Value.Version}，状态：{r.Value.Status.ChineseName()}）。";
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        if (Command(out var errors) is not { } c)
        {
            Errors = errors;
            return Page();
        }

        var built = SaveReviewRuleHandler.Build(c);
        var from = Date(TestFrom, "测试期间（起）", errors);
        var to = Date(TestTo, "测试期间（止）", errors);
        if (!built.Succeeded || errors.Count > 0)
        {
            Errors = [.. built.Errors, .. errors];
            return Page();
        }

        var r = await test.HandleAsync(new TestReviewRules(from!.Value, to!.Value, [built.Value!]), ct);
        if (r.Succeeded)
        {
            TestResult = r.Value;
        }
        else
        {
            Errors = r.Errors;
        }

        return Page();
    }

    private SaveReviewRule? Command(out List<AppError> errors)
    {
        errors = [];
        DefaultPeriod();
        var from = string.IsNullOrWhiteSpace(EffectiveFrom) ? null : Date(EffectiveFrom, "生效日期", errors);
        var to = string.IsNullOrWhiteSpace(EffectiveTo) ? null : Date(EffectiveTo, "失效日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new SaveReviewRule(string.IsNullOrWhiteSpace(Original) ? null : Original, Code ?? "", Name ?? "", Type, Result, Window,
            Window == ReviewWindow.Days ? WindowDays : null, Stages, from, to, ScopeJson, ParametersJson, Status);
    }

    private static DateOnly? Date(string? s, string label, List<AppError> errors)
    {
        if (DateOnly.TryParseExact((s ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        errors.Add(new AppError(ReviewErrors.Validation, $"{label}：须为 yyyy-MM-dd 格式的日期"));
        return null;
    }

    private void DefaultPeriod()
    {
        var today = clock.TodayInChina();
        TestFrom ??= new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        TestTo ??= today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private void Load(StoredReviewRule row)
    {
        Code = Original = row.RuleCode;
        Name = row.Name;
        Type = row.Type;
        Result = row.Result;
        Window = row.Window;
        WindowDays = row.WindowDays;
        Stages = [.. new[] { ReviewStage.Pre, ReviewStage.During, ReviewStage.Post }.Where(s => (row.Stages & s) != 0)];
        EffectiveFrom = row.EffectiveFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        EffectiveTo = row.EffectiveTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Status = row.Status;
        ScopeJson = Pretty(row.ScopeJson);
        ParametersJson = Pretty(row.ParametersJson);
        Version = row.Version;
        ModelState.Clear();
    }

    private static string Pretty(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement, ReviewRuleJson.Options);
}
