using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Supervision;
using Yibao.Domain.Funds;
using Yibao.Domain.Supervision;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Supervision;

/// <summary>One 检查计划: per institution the 现场检查 result, findings with amounts, evidence files, and 立案 from a finding.</summary>
public sealed class PlanModel(InspectionQueriesHandler inspections, RecordInspectionHandler record, AddInspectionFindingHandler addFinding,
    UploadEvidenceHandler upload, GetEvidenceHandler evidence, OpenCaseHandler open, TimeProvider clock) : SupervisionPageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    [BindProperty] public long InspectionId { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Inspectors { get; set; }
    [BindProperty] public string? Conclusion { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public FundCode Fund { get; set; } = FundCode.ResidentPool;
    [BindProperty] public long FindingId { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? FileDescription { get; set; }

    public InspectionPlanDetail? Detail { get; private set; }



    public bool CanWrite => SupervisionAccess.CanWrite(User);

    public string Today => clock.TodayInChina().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Detail = await inspections.GetAsync(Id, ct);
        return Detail is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetEvidenceAsync(long evidenceId, CancellationToken ct)
    {
        var r = await evidence.HandleAsync(evidenceId, ct);
        return r.Succeeded && r.Value!.InspectionId is not null ? File(r.Value.Content, r.Value.ContentType, r.Value.FileName) : NotFound();
    }

    public Task<IActionResult> OnPostRecordAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "检查日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await record.HandleAsync(new RecordInspection(InspectionId, d!.Value, Inspectors, Conclusion ?? ""), ct);
        return r.Succeeded ? "检查结果已登记。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostFindingAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var amount = SupervisionAccess.Number(Amount, "涉及金额", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await addFinding.HandleAsync(new AddInspectionFinding(InspectionId, Description ?? "", amount!.Value, Fund), ct);
        return r.Succeeded ? $"问题 {r.Value!.Seq} 已登记。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostUploadAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        if (Upload is null || Upload.Length > EvidenceFile.MaxBytes)
        {
            errors.Add(new AppError("validation-failed", Upload is null ? "文件：请选择要上传的文件" : "文件：不能超过 10 MB"));
            return null;
        }

        using var ms = new MemoryStream();
        await Upload.CopyToAsync(ms, ct);
        var r = await upload.HandleAsync(new UploadEvidence(InspectionId, null, Upload.FileName, Upload.ContentType, ms.ToArray(), FileDescription), ct);
        return r.Succeeded ? $"证据材料已上传：{r.Value!.FileName}。" : Fail(r.Errors, errors);
    }, ct);

    public async Task<IActionResult> OnPostOpenCaseAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        var d = SupervisionAccess.Date(Date, "登记日期", errors);
        if (errors.Count == 0)
        {
            var r = await open.HandleAsync(new OpenCase(CaseSourceType.InspectionFinding, null, null, Description ?? "", FundCode.ResidentPool, 0m, d!.Value, FindingId: FindingId), ct);
            if (r.Succeeded)
            {
                return RedirectToPage("Case", new { id = r.Value!.Id });
            }

            errors.AddRange(r.Errors);
        }

        Errors = errors;
        Detail = await inspections.GetAsync(Id, ct);
        return Detail is null ? NotFound() : Page();
    }

    protected override async Task<bool> LoadAsync(CancellationToken ct)
    {
        Detail = await inspections.GetAsync(Id, ct);
        return Detail is not null;
    }
}
