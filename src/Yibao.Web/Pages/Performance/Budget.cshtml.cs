using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Performance;
using Yibao.Domain.Admin;
using Yibao.Domain.Performance;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Performance;

/// <summary>One row of the self-evaluation form.</summary>
public sealed class EvaluationInputForm
{
    public string Path { get; set; } = "";
    public string? ManualActual { get; set; }
    /// <summary>定性指标的判断："1" 达成，"0" 未达成，空为未判断.</summary>
    public string? Met { get; set; }
    public string? Reason { get; set; }

    public EvaluationInput ToInput() => new(Path, ManualActual, Met switch { "1" => true, "0" => false, _ => null }, Reason);
}

/// <summary>
/// 一份预算的绩效：指标树及其绑定（选择运行指标或手工并写佐证）、运行指标的当前值、绩效自评表（得分、等级、偏差原因、保存草稿、提交）、
/// 导出 Excel。财务可写，局领导只读。
/// </summary>
public sealed class BudgetPerformanceModel(GetSelfEvaluationHandler get, SaveSelfEvaluationHandler save, BindIndicatorHandler bind, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public SelfEvaluationView View { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    /// <summary>Inputs echoed back after a failed save (so nothing typed is lost).</summary>
    public Dictionary<string, EvaluationInput> Posted { get; } = new(StringComparer.Ordinal);

    public bool CanWrite => User.IsInRole(Roles.Finance);

    public bool Editable => CanWrite && !View.Submitted;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostBindAsync(string path, string? binding, string? evidence, string? attachment, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }
        var b = binding ?? "";
        var command = b switch
        {
            "" => new BindIndicator(Id, path, BindingMode.None),
            "manual" => new BindIndicator(Id, path, BindingMode.Manual, null, evidence, attachment),
            _ => new BindIndicator(Id, path, BindingMode.Metric, b, evidence, attachment),
        };
        var r = await bind.HandleAsync(command, ct);
        if (r.Succeeded)
        {
            TempData["Message"] = r.Value is null ? "已解除绑定。" : "指标绑定已保存。";
            return RedirectToPage("Budget", new { id = Id, asOf = AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }
        Errors = r.Errors;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostSaveAsync(List<EvaluationInputForm> inputs, CancellationToken ct) => SaveAsync(inputs, false, ct);

    public Task<IActionResult> OnPostSubmitAsync(List<EvaluationInputForm> inputs, CancellationToken ct) => SaveAsync(inputs, true, ct);

    private async Task<IActionResult> SaveAsync(List<EvaluationInputForm> inputs, bool submit, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }
        var list = (inputs ?? []).Select(i => i.ToInput()).ToList();
        var r = await save.HandleAsync(new SaveSelfEvaluation(Id, AsOf, list, submit), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = submit ? $"绩效自评已提交：总分 {r.Value!.TotalScore.ToString("0.00", CultureInfo.InvariantCulture)}，等级“{r.Value.Grade.Chinese()}”。" : "自评草稿已保存。";
            return RedirectToPage("Budget", new { id = Id });
        }
        Errors = r.Errors;
        foreach (var i in list)
        {
            Posted[i.Path] = i;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var rows = View.Rows.Select(r => new Dictionary<string, object?>
        {
            ["指标归属"] = r.Owner,
            ["一级指标"] = r.Level1,
            ["二级指标"] = r.Level2,
            ["三级指标"] = r.Name,
            ["符号"] = r.Operator,
            ["指标值"] = r.TargetValue,
            ["单位"] = r.Unit,
            ["权重"] = r.EffectiveWeight,
            ["实际值"] = r.Qualitative ? r.ManualActual : r.Actual,
            ["实际值来源"] = r.ActualSource,
            ["运行指标"] = r.MetricName,
            ["佐证"] = JoinEvidence(r),
            ["是否达成"] = r.Met ? "达成" : "未达成",
            ["得分"] = r.Score,
            ["偏差原因"] = r.Reason,
        }).ToList();
        var total = rows.Count > 0 ? rows[0].Keys.ToDictionary(k => k, _ => (object?)null) : [];
        total["指标归属"] = "合计";
        total["三级指标"] = $"总分（百分制）{View.TotalScore.ToString("0.00", CultureInfo.InvariantCulture)}，等级 {View.Grade.Chinese()}";
        total["权重"] = View.WeightSum;
        total["得分"] = View.Rows.Sum(r => r.Score);
        total["偏差原因"] = View.Submitted ? "已提交" : "草稿";
        rows.Add(total);
        return await ExcelFile.CreateAsync(rows, "绩效自评", $"绩效自评-{View.Budget.UnitName}-{View.Budget.Year.ToString(CultureInfo.InvariantCulture)}", clock, ct);
    }

    public static string JoinEvidence(EvaluationRow r) => string.Join("；", new[] { r.Evidence, r.AttachmentName }.Where(x => !string.IsNullOrWhiteSpace(x)));

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var v = await get.HandleAsync(new GetSelfEvaluation(Id, AsOf), ct);
        if (v is null)
        {
            return false;
        }
        View = v;
        AsOf = v.AsOf;
        return true;
    }

    public static string Number(decimal? v) => v?.ToString("#,0.####", CultureInfo.GetCultureInfo("zh-CN")) ?? "—";
}
